/** A one-line progress bar on stderr: model, epoch, batch, loss, accuracy and the time left for the whole run. */
export class Progress {
  private started = Date.now();
  private done = 0;
  private total: number;
  private stream: NodeJS.WriteStream;

  constructor(totalSteps: number, stream: NodeJS.WriteStream = process.stderr) {
    this.total = totalSteps;
    this.stream = stream;
  }

  step(label: string, stats: { epoch: number; epochs: number; batch: number; batches: number; loss: number; accuracy: number }): void {
    this.done++;
    if (!this.stream.isTTY && stats.batch !== stats.batches) return; // in a log: one line per epoch
    const elapsed = (Date.now() - this.started) / 1000;
    const left = this.done ? (elapsed / this.done) * (this.total - this.done) : 0;
    const width = 24;
    const filled = Math.round((stats.batch / stats.batches) * width);
    const line = `${label} epoch ${stats.epoch}/${stats.epochs} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] `
      + `loss ${stats.loss.toFixed(3)} acc ${(stats.accuracy * 100).toFixed(1)}% | all: ${Math.round((this.done / this.total) * 100)}%, ${formatDuration(left)} left`;
    this.stream.write(this.stream.isTTY ? `\r${line.padEnd(110)}` : `${line}\n`);
  }

  /** Ends the current line (a TTY bar is redrawn in place). */
  note(message: string): void {
    this.stream.write(this.stream.isTTY ? `\n${message}\n` : `${message}\n`);
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
