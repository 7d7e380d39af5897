/**
 * `npm test`: the type-check and every test (unit and browser, `vitest run`) side by side, so the type-check
 * does not hold the tests up; fails if either fails. Output of the type-check is printed after the tests'.
 */
import { spawn } from 'node:child_process';

function run(command: string, args: string[], quiet: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// Astro's generated types first (the site build in the browser tests' setup writes the same files).
const sync = await run(npx, ['astro', 'sync'], true);
if (sync.code !== 0) {
  console.error(sync.output);
  process.exit(sync.code);
}
const [typecheck, tests] = await Promise.all([run(npx, ['tsc', '--noEmit'], true), run(npx, ['vitest', 'run'], false)]);
console.log(typecheck.code === 0 ? '\nType-check: no errors.' : `\nType-check failed:\n${typecheck.output}`);
process.exit(typecheck.code || tests.code);
