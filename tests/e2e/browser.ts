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

/**
 * Chromium's headless build (Debian's chromium-headless-shell, the build Playwright itself runs headless):
 * the same Blink and V8 without the full browser's window layers. It runs the whole suite in about two
 * thirds of the full browser's time on two cores (measured 2026-12-03: 320 s against 447 s, all tests
 * passing in both), so the tests prefer it.
 */
const headlessShell = '/usr/bin/chromium-headless-shell';
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
 * Finds a Chromium: CHROMIUM_PATH, the system's, or Playwright's own. The tests take the headless build
 * first; the bench (`full`) takes the browser a learner runs first, so its frame times stay comparable. With
 * none, it tries once to fetch Playwright's build (works on an ordinary networked machine) and otherwise
 * fails saying what to install.
 */
export function findChromium(prefer: 'headless-shell' | 'full' = 'headless-shell'): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const candidates = prefer === 'full' ? [...systemPaths, headlessShell] : [headlessShell, ...systemPaths];
  const found = candidates.find((p) => existsSync(p)) ?? playwrightsOwnChromium();
  if (found) return found;

  // cli.js is not in the package's exports; find it beside package.json.
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  const fetched = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  const afterFetch = fetched.status === 0 ? playwrightsOwnChromium() : null;
  if (afterFetch) return afterFetch;
  throw new Error(
    'No Chromium found for the browser tests. On Debian: sudo apt-get install -y chromium-headless-shell ' +
      '(or chromium; on Ubuntu: chromium-browser); elsewhere install Chrome or Chromium and set CHROMIUM_PATH to its executable.',
  );
}

/** A Chromium of its own, the full browser where there is one, for a tool that runs outside the test runner (the bench). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium('full'), headless: true, args: chromiumArgs });
}

/** The one Chromium the browser tests share, started by the global setup. */
export function startChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: findChromium(), headless: true, args: chromiumArgs });
}
