/** The demo city's PRNG is the project's one seeded generator. */
export { Rng, hash32 } from '../util/prng.js';
