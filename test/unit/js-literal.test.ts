import { describe, expect, it } from 'vitest';
import { decodeJsString, readStringLiteral } from '../../src/extract/js-literal.js';

describe('JavaScript string literals', () => {
  it.each([
    ['"plain"', '"plain"'],
    ['"a \\"quoted\\" word" rest', '"a \\"quoted\\" word"'],
    ['"ends in a backslash\\\\" rest', '"ends in a backslash\\\\"'],
    ['"three \\\\\\" then" rest', '"three \\\\\\" then"'],
    ["'single \\' quote' rest", "'single \\' quote'"],
  ])('reads the literal of %s to its closing quote', (source, literal) => {
    expect(readStringLiteral(source, 0)).toBe(literal);
  });

  it('finds no literal that is never closed', () => {
    expect(readStringLiteral('"never \\" closed', 0)).toBeUndefined();
  });

  it.each([
    ['{\\"a\\": \\"\\u003cp>\\"}', '"', '{"a": "<p>"}'],
    ['tab\\tnew\\nline', '"', 'tab\tnew\nline'],
    ['\\x41\\x42', '"', 'AB'],
    ["it\\'s", '"', "it's"],
    ['say "hi"', "'", 'say "hi"'],
  ])('decodes %s as JavaScript would', (body, quote, value) => {
    expect(decodeJsString(`${quote}${body}${quote}`)).toBe(value);
  });
});
