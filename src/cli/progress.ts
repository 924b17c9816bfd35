/** A one-line progress report with rate and ETA, rewritten in place on a terminal. */
export class Progress {
  private readonly started = Date.now();
  private lastPrint = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastPrint < 250) return;
    this.lastPrint = now;
    const elapsed = (now - this.started) / 1000;
    const rate = done / Math.max(elapsed, 0.001);
    const eta = rate > 0 ? (this.total - done) / rate : Infinity;
    const percent = this.total > 0 ? ((100 * done) / this.total).toFixed(1) : '100.0';
    const line = `${this.label}: ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} (${percent}%) ${Math.round(rate).toLocaleString('en')}/s, ETA ${formatSeconds(eta)}`;
    if (this.out.isTTY) this.out.write(`\r${line}\x1b[K`);
    else this.out.write(`${line}\n`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.out.isTTY) this.out.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
