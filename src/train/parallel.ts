/**
 * Trains recipes in parallel child processes (wasm trains single-threaded: one model per core), longest
 * first, and merges their progress into one display. Each model is trained exactly as in a serial run,
 * so the weights are the same.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Recipe } from './recipes.ts';
import { JSON_PROGRESS, describeStep, formatDuration, type StepStats } from './progress.ts';

export async function trainInParallel(recipes: Recipe[], jobs: number, childArgs: (recipe: Recipe) => string[]): Promise<void> {
  const steps = (r: Recipe) => r.epochs * Math.ceil(r.imagesPerEpoch / r.batchSize);
  const total = recipes.reduce((n, r) => n + steps(r), 0);
  const queue = [...recipes].sort((a, b) => steps(b) - steps(a));
  const state = new Map<string, StepStats & { done: number }>();
  const started = Date.now();
  const err = process.stderr;

  const render = (final: boolean) => {
    const done = [...state.values()].reduce((n, s) => n + s.done, 0);
    const elapsed = (Date.now() - started) / 1000;
    const left = done ? (elapsed / done) * (total - done) : 0;
    const active = [...state.entries()].filter(([, s]) => s.done < s.epochs * s.batches).map(([name, s]) => describeStep(name, s, 10));
    const line = `${active.join(' | ')} | all: ${Math.round((done / total) * 100)}%, ${formatDuration(left)} left`;
    if (err.isTTY) err.write(`\r${line.slice(0, (err.columns ?? 160) - 1).padEnd(Math.min(160, (err.columns ?? 160) - 1))}`);
    else if (final) err.write(`${line}\n`);
  };

  const runOne = (recipe: Recipe) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, childArgs(recipe), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, [JSON_PROGRESS]: 'json' } });
    let done = 0;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      let message: { progress?: StepStats & { label: string }; note?: string } | null = null;
      try {
        message = JSON.parse(line);
      } catch {
        // not ours: pass it through
      }
      if (message?.progress) {
        done++;
        state.set(recipe.name, { ...message.progress, done });
        render(message.progress.batch === message.progress.batches);
      } else if (message?.note) {
        err.write(err.isTTY ? `\r${message.note.padEnd(120)}\n` : `${message.note}\n`);
      } else if (line.trim() && !/^=+$|Hi, looks like/.test(line)) {
        err.write(`[${recipe.name}] ${line}\n`);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`training ${recipe.name} failed (exit code ${code})`))));
  });

  const workers = Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let r = queue.shift(); r; r = queue.shift()) await runOne(r);
  });
  await Promise.all(workers);
  if (err.isTTY) err.write('\n');
}
