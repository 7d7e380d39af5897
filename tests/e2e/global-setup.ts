import type { TestProject } from 'vitest/node';
import { findChromium } from './browser.ts';
import { buildAndServe } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  findChromium(); // fail early, with the install hint, before spending time on the build
  const site = await buildAndServe();
  project.provide('baseURL', site.url);
  return () => site.stop();
}
