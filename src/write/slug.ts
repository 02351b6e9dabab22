/**
 * File-system-safe slugs from titles (`--slug title`): letters (Chinese included), marks and
 * digits are kept, everything else separates words, and the length is capped in bytes, not
 * characters. Jekyll makes a post's URL from its file name the same way (`Utils.slugify`: any
 * other run of characters becomes `-`), so two file names that differ only in punctuation or
 * emoji (中美会谈：结果, 中美会谈，结果) would share one URL, and one post would hide the other.
 */

/** UTF-8 bytes a slug may take; with the date prefix and a collision suffix it stays far below 255. */
export const MAX_SLUG_BYTES = 120;

/** C0/C1 controls, and characters that are path separators or reserved on some file system. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
/** What is not a letter, a mark or a digit (nor `.` or `_`, which Jekyll keeps too). */
const SEPARATORS = /[^\p{L}\p{M}\p{Nd}._]+/gu;
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
    .replace(SEPARATORS, '-')
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
