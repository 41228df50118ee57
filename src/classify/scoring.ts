/**
 * Every number the classifier decides with, named, in one place. Evidence carries a weight in
 * [0, 1]; a category's weights combine into a confidence (`combine`), which is reported at
 * REPORT_AT and offered for review at CANDIDATE_AT.
 *
 * Where the numbers come from: rule weights, shares and chances are data (rules/*.yaml, each
 * rule with examples). The numbers here were set by hand when the classifier was written, or when
 * the behaviour they belong to was added, and are checked by the labelled corpora of `npm run eval`
 * (docs/eval.md: the development corpus is tuned on, the held-out one never). A change to one is
 * a change to the eval figures, recorded in docs/eval.md.
 */

// ---- Decision thresholds ----------------------------------------------------------------------

/** Confidence at which a category is reported (a finding). Set by hand; checked by the eval. */
export const REPORT_AT = 0.6;
/** Confidence at which a category is a candidate (--show-candidates): half of REPORT_AT. */
export const CANDIDATE_AT = 0.3;
/** No confidence reaches certainty: sampled values and names can always mislead. */
export const CONFIDENCE_CAP = 0.99;
/**
 * The most a value rule below its reportShare contributes (detectors/value.ts): under REPORT_AT,
 * so such values alone are a candidate, never a finding.
 */
export const CANDIDATE_CAP = 0.5;

// ---- Column profile (src/classify/profile.ts) -------------------------------------------------

/** Below this many non-null values a column's value shape (codes, digit counts) says nothing. */
export const MIN_VALUES_FOR_SHAPE = 20;
/** Values shorter than this are counted by digits (ids, numbers); longer ones are text or hashes. */
export const SHORT_LENGTH = 24;
/** Share of short (or code-like) values that makes the shape a column's, not a few rows'. */
export const SHAPE_SHARE = 0.9;
/** A code is at most this many non-blank characters (Y/N, flags, state codes). */
export const CODE_LENGTH = 3;
/** Below this share of short values with the category's digit count, the digits contradict a name. */
export const DIGITS_IN_RANGE_SHARE = 0.1;
/** Share of values with ≥ 3 spaces and ≥ 2 words that makes a column prose. */
export const PROSE_SHARE = 0.2;
/** Share of values with a space and a word that makes a text column worth searching for embedded data. */
export const WORDED_SHARE = 0.2;

// ---- Name evidence (detectors/name.ts, detectors/json.ts) -------------------------------------

/**
 * What a name keeps when the column's values contradict it (codes only, or digit counts the
 * category never has): 0.4 of its weight, so even the strongest name rule falls under REPORT_AT.
 */
export const NAME_CONTRADICTED_FACTOR = 0.4;
/**
 * A name rule with a range (`fits`, a birth month 1-12) stands when at least this share of the
 * non-blank sampled values are integers in the range; below it the name is contradicted.
 */
export const FITS_SHARE = 0.9;
/** A key name inside JSON/XML speaks for its leaves a little less than a column's name. */
export const KEY_NAME_FACTOR = 0.8;
/**
 * A JSON/XML key path is judged only when present in at least MIN_PATH_SHARE of the parsed
 * documents and in at least MIN_PATH_DOCUMENTS of them: a rare path says little about the column.
 */
export const MIN_PATH_SHARE = 0.2;
export const MIN_PATH_DOCUMENTS = 3;

// ---- Labels (detectors/label.ts) --------------------------------------------------------------

/** A category read back from the database's own labels: someone decided it, so it reports alone. */
export const LABEL_WEIGHT = 0.9;

// ---- Value evidence (detectors/value.ts, detectors/json.ts) -----------------------------------

/**
 * A qualified value rule (share ≥ its minShare) scores its weight × (VALUE_BASE + VALUE_RAMP × how
 * far the share lies between minShare and VALUE_FULL_SHARE): 0.6 of its weight at the minimum,
 * all of it from 90 % of the values on (a sample of real data always holds some noise).
 */
export const VALUE_BASE = 0.6;
export const VALUE_RAMP = 0.4;
export const VALUE_FULL_SHARE = 0.9;
/** The ramp's smallest span, so a rule with minShare near VALUE_FULL_SHARE does not divide by zero. */
export const VALUE_MIN_SPAN = 0.01;
/**
 * Sequential ids: a weak-shape rule with at least SEQUENTIAL_MIN_VALID validated values and fewer
 * than SEQUENTIAL_MAX_PREFIXES distinct three-character prefixes reads a counter, not people's
 * numbers; its weight is multiplied by SEQUENTIAL_FACTOR.
 */
export const SEQUENTIAL_MIN_VALID = 50;
export const SEQUENTIAL_MAX_PREFIXES = 10;
export const SEQUENTIAL_FACTOR = 0.3;
/**
 * Standard errors every share the value detector decides with must lie from its threshold before
 * the rest of a column's sample is left unexamined (values.ts, `settled`): a column settles after
 * at least EARLY_EXIT_AFTER values, or before when so few are left that a rule not yet matched is
 * that far under the 2% line (`smallSettles`). Three: a share that close to its line is read to the end.
 */
export const SETTLE_Z = 3;
/**
 * A running number (C1…C1000, sequence.ts) matches code shapes by accident: rules whose chance of a
 * random match is at least RUNNING_MIN_CHANCE keep RUNNING_FACTOR of their weight on such a column.
 */
export const RUNNING_MIN_CHANCE = 0.1;
export const RUNNING_FACTOR = 0.3;
/**
 * Below its minShare a rule with at least PARTIAL_MIN_VALID validated values still speaks, with
 * weight × share × PARTIAL_FACTOR: under 0.5, so alone it never reaches REPORT_AT; beside a name
 * it adds to the confidence.
 */
export const PARTIAL_MIN_VALID = 3;
export const PARTIAL_FACTOR = 0.5;

/** Weight of a value rule whose share reached its minShare (before the sequence discounts). */
export function qualifiedValueWeight(weight: number, minShare: number, share: number): number {
  const span = Math.max(VALUE_MIN_SPAN, VALUE_FULL_SHARE - minShare);
  return weight * (VALUE_BASE + VALUE_RAMP * Math.min(1, Math.max(0, (share - minShare) / span)));
}

// ---- Free-text evidence (detectors/text.ts, detectors/person-name-in-text.ts) ------------------

/** A text rule's finding with context words near its matches. */
export const TEXT_WITH_CONTEXT = 0.9;
/** A text rule's finding without context words: still above REPORT_AT (the rule's own minRows decide whether it speaks). */
export const TEXT_WITHOUT_CONTEXT = 0.7;
/** Person names in prose count as with context from this many rows with a context word. */
export const NAME_IN_TEXT_MIN_CONTEXT = 2;

// ---- Birth-date distribution (detectors/date-distribution.ts) ---------------------------------

/**
 * A population's birth dates alone (dates.ts): just above REPORT_AT, so a contradicting name
 * (contradict.ts: × CONTRADICTED) brings it under.
 */
export const DOB_DISTRIBUTION_WEIGHT = 0.65;

// ---- Table context (detectors/table-context.ts) -----------------------------------------------

/** A claim with only name evidence is raised by the table's context from this name weight on. */
export const RAISABLE_NAME_WEIGHT = 0.4;

// ---- Contradicting names (contradict.ts) ------------------------------------------------------

/** What value and text evidence keeps when the column's name names something else: at most a candidate. */
export const CONTRADICTED = 0.5;

// ---- Combining ----------------------------------------------------------------------------------

/** Weights as the scan JSON shows them (two decimals); decisions use the unrounded weights. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Combines a claim's weights into a confidence: 1 - Π(1 - w) (independent evidence), capped. */
export function combine(weights: readonly number[]): number {
  let miss = 1;
  for (const w of weights) miss *= 1 - Math.min(CONFIDENCE_CAP, Math.max(0, w));
  return Math.min(CONFIDENCE_CAP, 1 - miss);
}
