/** Exit codes are public interface (documented in the README and `--help`). */
export const ExitCode = {
  /** Every discovered article is written or already present. */
  ok: 0,
  /** Some articles failed; the rest were written. */
  partial: 1,
  /** Usage or configuration error; nothing was fetched. */
  usage: 2,
  /** Not a single source could be read. */
  noSource: 3,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** A problem with what the user asked for: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
