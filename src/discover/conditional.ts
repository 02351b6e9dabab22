/** Conditional requests during discovery: where a source's validators are found, and under which key. */
import type { Validators } from '../fetch/http.js';
import type { DateWindow } from './window.js';

/** Where discovery finds the validators of a source, by its state key. */
export interface ConditionalLookup {
  get(key: string): Validators | undefined;
}

/** A source's key in the state file: what it yields depends on the date window too. */
export function stateKey(url: string, window: DateWindow | undefined): string {
  if (!window || (!window.fromDay && !window.toDay)) return url;
  return `${url} ${window.fromDay ?? ''}..${window.toDay ?? ''}`;
}
