/**
 * Running numbers: a column of one letter prefix and a counter (`C1`, `C2` … `C1000`, `INV-0042`)
 * is a sequence of keys, whatever a code system would read into single values (C10.0 is an ICD-10
 * code; `C100` is the hundredth row). Real coded data repeats (many patients share E11.9) and
 * spreads over chapters (first letters); a sequence does neither: one prefix, nearly every value
 * distinct, the counters spread over several digit lengths.
 */

const PREFIXED = /^([A-Za-z]{1,4})[-_ ]?(\d{1,12})$/;

/** Whether the values read as one prefix plus a running counter. */
export function isRunningNumber(values: readonly (string | null)[]): boolean {
  let total = 0;
  let matched = 0;
  const prefixes = new Map<string, number>();
  const distinct = new Set<string>();
  const lengths = new Set<number>();
  for (const raw of values) {
    if (raw === null) continue;
    total++;
    const m = PREFIXED.exec(raw.trim());
    if (!m) continue;
    matched++;
    const p = m[1]!.toUpperCase();
    prefixes.set(p, (prefixes.get(p) ?? 0) + 1);
    distinct.add(m[1]!.toUpperCase() + Number(m[2]!));
    lengths.add(String(Number(m[2]!)).length);
  }
  if (total < 20 || matched / total < 0.9) return false;
  const top = Math.max(...prefixes.values());
  // One prefix, (nearly) every value distinct, and counters of at least two digit lengths.
  return top / matched >= 0.9 && distinct.size / matched >= 0.9 && lengths.size >= 2;
}
