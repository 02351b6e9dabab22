/**
 * File-system-safe slugs from titles (`--slug title`): Chinese is kept, what a file system
 * or a URL would choke on is dropped, and the length is capped in bytes, not characters.
 */

/** UTF-8 bytes a slug may take; with the date prefix and a collision suffix it stays far below 255. */
export const MAX_SLUG_BYTES = 120;

/** C0/C1 controls, and characters that are path separators or reserved on some file system. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
const RESERVED = /[/\\:*?"<>|#%&{}^~[\]`'$!@+=;,]/g;
/** Windows refuses these names whatever their extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

function capBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let result = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    result += char;
  }
  return result;
}

export function titleSlug(title: string, maxBytes = MAX_SLUG_BYTES): string {
  const slug = title
    .normalize('NFC')
    .replace(/[\s\u3000]+/g, ' ') // tabs and newlines separate words; other controls just go
    .replace(CONTROL, '')
    .replace(RESERVED, ' ')
    .replace(/[\s\u3000]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const capped = capBytes(slug, maxBytes).replace(/[-.]+$/, '');
  return !capped || WINDOWS_DEVICE.test(capped) ? `article${capped ? `-${capped}` : ''}` : capped;
}

/** `name`, or `name-2`, `name-3`, … : the first that `taken` does not hold. */
export function uniqueName(stem: string, extension: string, taken: (name: string) => boolean): string {
  if (!taken(`${stem}${extension}`)) return `${stem}${extension}`;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${stem}-${suffix}${extension}`;
    if (!taken(candidate)) return candidate;
  }
}
