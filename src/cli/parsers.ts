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
  return [...(previous ?? []), ...value.split(',').map((part) => part.trim()).filter(Boolean)];
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
