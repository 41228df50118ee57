/**
 * The corpus generator's PRNG: the project's one seeded generator (src/util/prng.ts: mulberry32, so
 * the corpus is the same for the same seed on every machine) plus the draws the corpus needs.
 */
import { Rng as BaseRng } from '../../src/util/prng.js';

export class Rng extends BaseRng {
  /** A string of n random upper-case letters. */
  letters(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(0, 25));
    return s;
  }

  /** n random hex characters. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }

  /** A child generator whose stream does not depend on how much of this one is consumed later. */
  fork(label: string): Rng {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Rng(h);
  }
}
