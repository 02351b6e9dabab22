/**
 * Turns response bytes into text by the declared charset: the Content-Type header first,
 * then a BOM, then `<meta charset>` / `<?xml encoding?>` in the first bytes, else UTF-8.
 */

import { TextDecoder } from 'node:util';

const SNIFF_BYTES = 2048;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i;

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match?.[1]?.toLowerCase();
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function sniffCharset(bytes: Uint8Array): string | undefined {
  // latin1 maps bytes 1:1, enough to read an ASCII declaration in any ASCII-compatible charset.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  return (META_CHARSET.exec(head)?.[1] ?? XML_ENCODING.exec(head)?.[1])?.toLowerCase();
}

function makeDecoder(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // an unknown label: fall through to the next candidate
  }
}

export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const decoder =
    makeDecoder(charsetFromBom(bytes)) ??
    makeDecoder(charsetFromContentType(contentType)) ??
    makeDecoder(sniffCharset(bytes)) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
