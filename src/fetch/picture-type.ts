/**
 * Which raster format a picture is, by its first bytes. A picture is kept only when its bytes
 * and its Content-Type both say raster: an SVG (or an HTML error page sent as image/jpeg) served
 * from the archive's own origin could run scripts there.
 */

export interface PictureType {
  mime: string;
  /** File extension, with its dot. */
  extension: string;
}

const JPEG: PictureType = { mime: 'image/jpeg', extension: '.jpg' };
const PNG: PictureType = { mime: 'image/png', extension: '.png' };
const GIF: PictureType = { mime: 'image/gif', extension: '.gif' };
const WEBP: PictureType = { mime: 'image/webp', extension: '.webp' };
const AVIF: PictureType = { mime: 'image/avif', extension: '.avif' };

/** Enough of a file to tell its format (AVIF's brands come after a 12-byte box header). */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** The raster format the bytes open with, or undefined (SVG, HTML, anything else). */
export function sniffPictureType(bytes: Uint8Array): PictureType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return JPEG;
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return PNG;
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return GIF;
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return WEBP;
  // ISO-BMFF: a `ftyp` box whose major or compatible brands name AVIF.
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), bytes.length);
    for (let at = 8; at + 4 <= boxSize; at += 4) {
      // Bytes 12-15 are the minor version, not a brand.
      if (at !== 12 && /^avi[fs]$/.test(ascii(bytes, at, at + 4))) return AVIF;
    }
  }
  return undefined;
}

// With the names some servers use for JPEG and PNG.
const RASTER_MIME = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/x-png', 'image/gif', 'image/webp', 'image/avif']);

/** Whether a Content-Type header names a raster format (SVG and anything not an image do not). */
export function isRasterContentType(contentType: string): boolean {
  return RASTER_MIME.has(contentType.split(';')[0]!.trim().toLowerCase());
}
