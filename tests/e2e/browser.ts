import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Flags that keep a headless Chromium quiet on a machine without a network or a sandbox. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function playwrightsOwnChromium(): string | null {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Finds a Chromium: CHROMIUM_PATH, the system's, or Playwright's own. With none, it tries once to fetch
 * Playwright's build (works on an ordinary networked machine) and otherwise fails saying what to install.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = systemPaths.find((p) => existsSync(p)) ?? playwrightsOwnChromium();
  if (found) return found;

  // cli.js is not in the package's exports; find it beside package.json.
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  const fetched = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  const afterFetch = fetched.status === 0 ? playwrightsOwnChromium() : null;
  if (afterFetch) return afterFetch;
  throw new Error(
    'No Chromium found for the browser tests. On Debian or Ubuntu: sudo apt-get install -y chromium ' +
      '(the package is named chromium); elsewhere install Chrome or Chromium and set CHROMIUM_PATH to its executable.',
  );
}

/** A Chromium of its own, for a tool that runs outside the test runner (the bench). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
}

/** The one Chromium the browser tests share, started by the global setup. */
export function startChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: findChromium(), headless: true, args: chromiumArgs });
}
