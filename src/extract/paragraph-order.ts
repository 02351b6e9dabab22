/**
 * The CN/HK edition has shipped paragraphs in scrambled order, the true position of each
 * encoded in a `data-s` attribute (RSSHub #10306, #10309). This puts them back.
 */
import { $, replaceNodes, select, type Document } from '../html/parse.js';

/** `data-s` = 3 filler characters + base32 (RFC 4648) of the paragraph's position. */
const DATA_S_FILLER = 3;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeBase32(value: string): string | undefined {
  let bits = 0;
  let buffer = 0;
  let output = '';
  for (const char of value.replace(/=+$/, '').toUpperCase()) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    buffer = (buffer << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      output += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return output;
}

export function dataSPosition(value: string | undefined): number | undefined {
  if (!value || value.length <= DATA_S_FILLER) return undefined;
  const decoded = decodeBase32(value.slice(DATA_S_FILLER));
  return decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}

/** Puts paragraphs carrying `data-s` back in their published order, in the slots they occupy. */
export function restoreParagraphOrder(body: Document): void {
  // Only elements whose position decodes are moved, among the slots they occupy; others stay put.
  const placed = select(body, '[data-s]')
    .toArray()
    .map((element) => ({ element, position: dataSPosition($(element).attr('data-s')) }))
    .filter((entry): entry is { element: (typeof entry)['element']; position: number } => entry.position !== undefined);
  if (placed.length < 2) return;
  const inOrder = [...placed].sort((a, b) => a.position - b.position);
  replaceNodes(new Map(placed.map(({ element }, slot) => [element, [inOrder[slot]!.element]])));
}
