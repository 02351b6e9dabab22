/** Logs go to stderr so that stdout stays clean for `--json` and `article`. */
export type LogLevel = 'quiet' | 'normal' | 'verbose';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (prefix: string) => (message: string) => write(`${prefix}${message}\n`);
  const silent = () => {};
  return {
    error: emit('error: '),
    warn: level === 'quiet' ? silent : emit('warning: '),
    info: level === 'quiet' ? silent : emit(''),
    debug: level === 'verbose' ? emit('  ') : silent,
  };
}
