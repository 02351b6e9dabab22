import { ExtractError } from '../extract/errors.js';
import { FetchError } from '../fetch/http.js';
import { PageTooComplexError } from '../html/parse.js';

/** Why a story failed, as a user reads it: our own errors by their message, others by their kind too. */
export function reasonOf(error: unknown): string {
  if (error instanceof FetchError || error instanceof ExtractError || error instanceof PageTooComplexError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
