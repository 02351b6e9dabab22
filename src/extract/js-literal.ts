/**
 * Reading data that pages ship as JavaScript literals rather than JSON: the hydration payload
 * inside a string literal, the old `_data={key:"value",…}` object. Only strings and the
 * extent of object literals are read; nothing is evaluated.
 */

/**
 * Reads the JavaScript string literal that starts at `start` (a quote); returns it, quotes
 * included. It jumps from quote to quote: a quote ends the literal unless an odd run of
 * backslashes stands before it (a hydration payload is 200 KB of `\"`, read here in one pass).
 */
export function readStringLiteral(source: string, start: number): string | undefined {
  const quote = source[start];
  if (quote !== '"' && quote !== "'") return undefined;
  for (let at = source.indexOf(quote, start + 1); at >= 0; at = source.indexOf(quote, at + 1)) {
    let backslashes = 0;
    while (source.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return source.slice(start, at + 1);
  }
  return undefined;
}

/** Turns a JS string literal (quotes included) into the string it denotes, via JSON's stricter grammar. */
export function decodeJsString(literal: string): string {
  // Most literals use only the escapes JSON shares with JavaScript, which mean the same in
  // both: JSON.parse reads them at once, from the literal as it stands in the page (no copy).
  // Others (`\x41`, `\'`) are rewritten first.
  const quote = literal[0];
  if (quote === '"') {
    try {
      return JSON.parse(literal) as string;
    } catch {
      // an escape, or a raw character, that JSON does not take
    }
  }
  const asJson = literal.slice(1, -1).replace(/\\(x([0-9a-fA-F]{2})|'|\\|")|"/g, (match, escape: string | undefined, hex: string | undefined) => {
    if (match === '"') return quote === "'" ? '\\"' : match;
    if (hex) return `\\u00${hex}`;
    if (escape === "'") return "'";
    return match;
  });
  return JSON.parse(`"${asJson}"`) as string;
}

/** The `{…}` object literal at the start of `text`, braces balanced, strings skipped. */
export function balancedObject(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const literal = readStringLiteral(text, index);
      if (!literal) return undefined;
      index += literal.length - 1;
    } else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(0, index + 1);
  }
  return undefined;
}

const KEY_THEN_STRING = /\s*["']?([\w$]+)["']?\s*:\s*(?=["'])/y;

/**
 * The `key: "string"` members of an object literal (as `balancedObject` returns it), top
 * level only: members of nested objects and non-string values are passed over.
 */
export function topLevelStrings(objectText: string): Record<string, string> {
  const values: Record<string, string> = {};
  let depth = 0;
  for (let index = 0; index < objectText.length; index++) {
    const char = objectText[index];
    if (char === '"' || char === "'") {
      const literal = readStringLiteral(objectText, index);
      if (!literal) break;
      index += literal.length - 1;
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    // A top-level member starts after the opening brace or a top-level comma.
    if (depth !== 1 || (char !== '{' && char !== ',')) continue;
    KEY_THEN_STRING.lastIndex = index + 1;
    const member = KEY_THEN_STRING.exec(objectText);
    if (!member) continue;
    const start = KEY_THEN_STRING.lastIndex;
    const literal = readStringLiteral(objectText, start);
    if (!literal) break;
    try {
      values[member[1]!] = decodeJsString(literal);
    } catch {
      // an escape JSON cannot read: this member is left out
    }
    index = start + literal.length - 1;
  }
  return values;
}
