/**
 * Progress of a training run on stderr: model, epoch, batch, loss, accuracy and the time left for the
 * whole run. A child process of a parallel run (CAM_LAB_PROGRESS=json) reports JSON lines instead,
 * which the parent merges into one display (see parallel.ts).
 */
export interface StepStats {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
}

export const JSON_PROGRESS = 'CAM_LAB_PROGRESS';

export class Progress {
  private started = Date.now();
  private done = 0;
  private total: number;
  private stream: NodeJS.WriteStream;
  private json = process.env[JSON_PROGRESS] === 'json';

  constructor(totalSteps: number, stream: NodeJS.WriteStream = process.stderr) {
    this.total = totalSteps;
    this.stream = stream;
  }

  step(label: string, stats: StepStats): void {
    this.done++;
    if (this.json) {
      this.stream.write(`${JSON.stringify({ progress: { label: label.trim(), ...stats } })}\n`);
      return;
    }
    if (!this.stream.isTTY && stats.batch !== stats.batches) return; // in a log: one line per epoch
    const elapsed = (Date.now() - this.started) / 1000;
    const left = (elapsed / this.done) * (this.total - this.done);
    const line = `${describeStep(label, stats)} | all: ${Math.round((this.done / this.total) * 100)}%, ${formatDuration(left)} left`;
    this.stream.write(this.stream.isTTY ? `\r${line.padEnd(110)}` : `${line}\n`);
  }

  /** A message on its own line (a TTY bar is redrawn in place, so end it first). */
  note(message: string): void {
    if (this.json) this.stream.write(`${JSON.stringify({ note: message })}\n`);
    else this.stream.write(this.stream.isTTY ? `\n${message}\n` : `${message}\n`);
  }
}

export function describeStep(label: string, s: StepStats, width = 20): string {
  const filled = Math.round((s.batch / s.batches) * width);
  return `${label} epoch ${s.epoch}/${s.epochs} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] loss ${s.loss.toFixed(3)} acc ${(s.accuracy * 100).toFixed(1)}%`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
