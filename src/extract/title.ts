/** Normalising the words people read: titles and bylines. */

/** Site suffixes on titles: ` | 联合早报`, ` | 联合早报网`, ` - zaobao.com`. */
const TITLE_SUFFIX = /\s*[|｜_\-–—]\s*(联合早报网?|早报|zaobao(\.com)?(\.sg)?)\s*$/i;

export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(TITLE_SUFFIX, '').trim();
}

/** Byline decorations: "作者：", "文／", "_byline", "｜作者". */
const BYLINE_PREFIX = /^(?:(?:作者|文|报道|撰文|记者|特约记者|编译)\s*[：:／/]|by\s)\s*/i;
const BYLINE_SUFFIX = /(_byline|\s*[｜|]\s*作者)$/i;

export function cleanNames(names: readonly string[]): string[] {
  const cleaned = names
    .map((name) => name.replace(/[\s\u00a0\u3000]+/g, ' ').trim().replace(BYLINE_PREFIX, '').replace(BYLINE_SUFFIX, '').trim())
    .filter((name) => name && name !== '联合早报');
  return [...new Set(cleaned)];
}
