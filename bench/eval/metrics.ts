/** Column-level scoring: per-category and micro precision/recall/F1, false alarms on clean columns. */
import { AUDIT_CATEGORIES, CATEGORIES, type Category } from './corpus.js';

export interface Counts {
  /** Columns labelled with the category. */
  support: number;
  tp: number;
  fp: number;
  fn: number;
  /** null when nothing was predicted (precision undefined). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Scores {
  perCategory: Record<Category, Counts>;
  micro: Counts;
  /** Pooled over the five audit categories. */
  audit: Counts;
  cleanColumns: number;
  /** Clean columns (no label) with at least one reported category. */
  falseAlarmColumns: number;
  falseAlarmsPer100Clean: number;
  /** Labelled columns the predictor did not return at all (e.g. missing from scan output). */
  missingColumns: number;
}

export interface Truth {
  key: string;
  labels: readonly Category[];
}

function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? (tp + fp + fn === 0 ? null : 0) : (2 * precision * recall) / (precision + recall);
  return { support: tp + fn, tp, fp, fn, precision, recall, f1 };
}

/**
 * Scores predictions against the truth. Predicted ids outside the 14 corpus categories are
 * ignored (the corpus does not label them); a key missing from `predicted` counts as "nothing".
 */
export function score(truth: readonly Truth[], predicted: ReadonlyMap<string, ReadonlySet<string>>): Scores {
  const tally = new Map<Category, { tp: number; fp: number; fn: number }>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let clean = 0;
  let falseAlarms = 0;
  let missing = 0;
  for (const { key, labels } of truth) {
    const got = predicted.get(key);
    if (!got) missing++;
    const pred = new Set(CATEGORIES.filter((c) => got?.has(c)));
    for (const c of CATEGORIES) {
      const t = tally.get(c)!;
      const want = labels.includes(c);
      const has = pred.has(c);
      if (want && has) t.tp++;
      else if (has) t.fp++;
      else if (want) t.fn++;
    }
    if (labels.length === 0) {
      clean++;
      if (pred.size > 0) falseAlarms++;
    }
  }
  const perCategory = Object.fromEntries(
    CATEGORIES.map((c) => {
      const t = tally.get(c)!;
      return [c, counts(t.tp, t.fp, t.fn)];
    }),
  ) as Record<Category, Counts>;
  const pool = (cats: readonly Category[]) => {
    let tp = 0, fp = 0, fn = 0;
    for (const c of cats) {
      tp += tally.get(c)!.tp;
      fp += tally.get(c)!.fp;
      fn += tally.get(c)!.fn;
    }
    return counts(tp, fp, fn);
  };
  return {
    perCategory,
    micro: pool(CATEGORIES),
    audit: pool(AUDIT_CATEGORIES),
    cleanColumns: clean,
    falseAlarmColumns: falseAlarms,
    falseAlarmsPer100Clean: clean === 0 ? 0 : (100 * falseAlarms) / clean,
    missingColumns: missing,
  };
}

/** Columns whose predicted set (within the 14 categories) differs from the label. */
export function misclassified(
  truth: readonly Truth[],
  predicted: ReadonlyMap<string, ReadonlySet<string>>,
): Array<{ key: string; expected: Category[]; got: Category[] }> {
  const out: Array<{ key: string; expected: Category[]; got: Category[] }> = [];
  for (const { key, labels } of truth) {
    const got = CATEGORIES.filter((c) => predicted.get(key)?.has(c));
    const expected = [...labels];
    if (got.length !== expected.length || got.some((c) => !expected.includes(c))) out.push({ key, expected, got });
  }
  return out;
}
