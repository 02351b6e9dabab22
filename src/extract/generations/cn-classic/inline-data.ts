/** The old zaobao.com pages' inline `var _data={key:"value",…}` object (byline, pubdate). */
import { balancedObject, topLevelStrings } from '../../js-literal.js';
import type { Page } from '../../types.js';

/** A JS literal, not JSON: its top-level string members are read, nothing is evaluated. */
export function readInlineData(scripts: readonly string[]): Record<string, string> {
  for (const script of scripts) {
    const assignment = /\b_data\s*=\s*(?=\{)/.exec(script);
    const object = assignment && balancedObject(script.slice(assignment.index + assignment[0].length));
    if (object) return topLevelStrings(object);
  }
  return {};
}

/** The page's `_data` object, read once however many sources ask. */
const inlineDataOfPage = (page: Page): Record<string, string> => readInlineData(page.scripts);
export const inlineDataOf = (page: Page): Record<string, string> => page.once(inlineDataOfPage);
