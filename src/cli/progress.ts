/**
 * Progress on stderr: a bar with counts and ETA in a terminal; in CI or without a TTY, a
 * plain line at most every few seconds (a log is not a terminal).
 */
export interface ProgressReporter {
  /** `note` follows the counts (the pictures saved so far). */
  update(done: number, total: number, note?: string): void;
  /** Writes a log line: on a terminal, over the bar, which is drawn again under it. */
  print(line: string): void;
  finish(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Seconds between plain lines when not on a terminal. */
  plainIntervalMs?: number;
  now?: () => number;
}

const BAR_WIDTH = 24;
const TTY_REFRESH_MS = 100;

function formatEta(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  const interval = interactive ? TTY_REFRESH_MS : (options.plainIntervalMs ?? 5000);
  const started = now();
  let last = 0;
  /** The bar as last drawn, to draw again under a log line. */
  let bar: string | undefined;
  return {
    update(done, total, note) {
      const at = now();
      if (total === 0 || (at - last < interval && done < total)) return;
      last = at;
      const fraction = done / total;
      const eta = done > 0 ? ((at - started) / done) * (total - done) : undefined;
      const etaText = `${note ? `, ${note}` : ''}${eta === undefined ? '' : `, ETA ${formatEta(eta)}`}`;
      if (interactive) {
        const filled = Math.round(fraction * BAR_WIDTH);
        bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${Math.round(fraction * 100)}%${etaText}`;
        stream.write(`\r${bar}\u001b[K`);
      } else if (done < total) {
        stream.write(`progress: ${done}/${total} articles (${Math.round(fraction * 100)}%)${etaText}\n`);
      }
    },
    print(line) {
      stream.write(bar === undefined ? line : `\r\u001b[K${line}${bar}`);
    },
    finish() {
      if (bar !== undefined) stream.write('\r\u001b[K');
      bar = undefined;
    },
  };
}
