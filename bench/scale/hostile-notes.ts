/**
 * Crafted free-text notes of 4 KiB (the text scan cap) built to make backtracking regexes work
 * hardest: long runs a rule's first part accepts but whose end never completes a match. A linear
 * rule set reads each in one pass; a backtracking one re-reads the run from every start position.
 * Synthetic: no value is real.
 */
import { MAX_TEXT_SCAN } from '../../src/classify/text.js';

/** One crafted note of each kind, `length` characters long; `i` varies the filler. */
export const HOSTILE_KINDS = [
  // A local part with no domain after its '@': every start position reads to the '@' and fails.
  (i: number, length: number) => `${'ab1.'.repeat(length)}`.slice(0, length - 1 - (i % 3)) + '@',
  // A dotted domain with no top-level label (labels of one letter, then a digit).
  (i: number, length: number) => `x${i % 10}@` + 'a.'.repeat(length).slice(0, length - 4) + '1',
  // Addresses without a top-level domain, again and again.
  (i: number, length: number) => 'ann@b.c '.repeat(length).slice(0, length - (i % 5)),
  // Digit groups that almost form a phone, SSN or card number.
  (i: number, length: number) => '12-34 5.6 '.repeat(length).slice(0, length - (i % 7)),
  // Date-of-birth words followed by nearly-dates.
  (i: number, length: number) => 'DOB: born on 12/3 birthdate '.repeat(length).slice(0, length - (i % 4)),
] as const;

/** `count` crafted notes (kinds in turn), each `length` characters (default: the 4 KiB cap). */
export function hostileNotes(count: number, length = MAX_TEXT_SCAN): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(HOSTILE_KINDS[i % HOSTILE_KINDS.length]!(i, length));
  return out;
}

/** `columns` columns of `perColumn` crafted notes each. */
export function hostileNoteColumns(columns: number, perColumn: number): string[][] {
  const out: string[][] = [];
  for (let c = 0; c < columns; c++) out.push(hostileNotes(perColumn));
  return out;
}
