/** Accepted ranges of numeric settings, shared by the flags and the config file (kept light: main.ts loads it at start-up). */
export const LIMITS = {
  concurrency: { min: 1, max: 64 },
  timeout: { min: 100, max: 600_000 },
  retries: { min: 0, max: 10 },
  delay: { min: 0, max: 60_000 },
  limit: { min: 1, max: 1_000_000 },
} as const;
