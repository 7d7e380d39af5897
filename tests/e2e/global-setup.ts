import type { TestProject } from 'vitest/node';
import { startChromiumServer } from './browser.ts';
import { buildAndServe } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** One Chromium serves every test file: each connects to it (launching one per file costs a second or more). */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const chromium = await startChromiumServer(); // fails early, with the install hint, before spending time on the build
  const site = await buildAndServe();
  project.provide('baseURL', site.url);
  project.provide('chromiumEndpoint', chromium.wsEndpoint());
  return async () => {
    await site.stop();
    await chromium.close();
  };
}
