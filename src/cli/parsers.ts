/** Flag value parsers: a bad value is a usage error that names the flag and what it expects. */
import { InvalidArgumentError } from 'commander';

export function wholeNumber(range: { min: number; max: number }) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < range.min || number > range.max) {
      throw new InvalidArgumentError(`expected a whole number from ${range.min} to ${range.max}.`);
    }
    return number;
  };
}

/** A file or folder: an empty one would mean the current folder, or nothing, by accident. */
export function path(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError('expected a path, not an empty string.');
  return value;
}

export function httpUrl(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new InvalidArgumentError('expected an http(s) URL such as https://www.zaobao.com.sg.');
  }
  return value;
}

/** Variadic flags: repeated or space-separated values accumulate. */
export function collectUrls(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), httpUrl(value)];
}

export function collect(value: string, previous: string[] | undefined): string[] {
  const names = value.split(',').map((part) => part.trim()).filter(Boolean);
  if (!names.length) throw new InvalidArgumentError('expected a name, not an empty value.');
  return [...(previous ?? []), ...names];
}

/** A flag that takes one of a few words. */
export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of: ${choices.join(', ')}.`);
    }
    return value as T;
  };
}

/** `YYYY-MM-DD`, a real calendar day. */
export function day(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
    throw new InvalidArgumentError('expected a day as YYYY-MM-DD, e.g. 2024-01-31.');
  }
  return value.trim();
}

const DURATION_UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90m`, `36h`, `7d`, `2w` → milliseconds. */
export function duration(value: string): number {
  const match = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  const ms = match ? Number(match[1]) * DURATION_UNITS_MS[match[2]!.toLowerCase()]! : 0;
  if (!match || ms <= 0) throw new InvalidArgumentError('expected a duration such as 90m, 36h, 7d or 2w.');
  return ms;
}
