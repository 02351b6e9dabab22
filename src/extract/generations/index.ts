/**
 * The registry of page generations, in detection order: the most specific first, `generic`
 * (which takes any page) last. Adding a generation is a folder beside these and a line here.
 */
import type { Generation } from '../types.js';
import { cnAstro } from './cn-astro/cn-astro.js';
import { cnClassic } from './cn-classic/cn-classic.js';
import { generic } from './generic/generic.js';
import { sgDrupal } from './sg-drupal/sg-drupal.js';
import { sgReact } from './sg-react/sg-react.js';

export const GENERATIONS: readonly Generation[] = [sgReact, cnClassic, cnAstro, sgDrupal, generic];

export { generic };

/** Every generation's own noise: a feed item's HTML may come from any of them. */
export const GENERATION_NOISE: readonly string[] = GENERATIONS.flatMap((generation) => generation.clean ?? []);

/** Where article links live on the listing pages of every generation. */
export const LISTING_CARDS: readonly string[] = GENERATIONS.flatMap((generation) => generation.listingCards ?? []);
