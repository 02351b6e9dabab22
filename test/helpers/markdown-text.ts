/** The reader-visible text of a Markdown body, for "is this paragraph there" checks. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\{% (?:end)?raw %\}/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+\.|>|#{1,6})\s+/gm, '')
    .replace(/\*\*|__|\*|\\(?=[\\`*_{}[\]()#+\-.!|>])/g, '')
    .replace(/^\|[-| ]+\|$/gm, '')
    .replace(/\|/g, ' ');
}

/** Collapses all whitespace so that CJK text compares regardless of line layout. */
export const squash = (text: string) => text.replace(/\s+/g, '');
