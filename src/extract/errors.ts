/** An article page we could not turn into an article; `message` says why. */
export class ExtractError extends Error {
  override name = 'ExtractError';
}
