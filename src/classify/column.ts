/**
 * One column's classification: name evidence, value evidence (validated), free-text evidence and
 * date distribution, combined per category into a confidence. Reported at or above REPORT_AT;
 * candidates (for --show-candidates) at or above CANDIDATE_AT.
 */
import type { TypeClass } from '../../connectors/types.js';
import type { Rules } from '../rules/load.js';
import type { Evidence, Finding } from '../types.js';
import { looksLikeBirthDates, profileDates } from './dates.js';
import { isRunningNumber } from './sequence.js';
import { blanksAsNull, countNonNull, pathSpeaks, shapeGates } from './margins.js';
import { looksStructured, structuredLeaves } from './structured.js';
import { maskExample } from './examples.js';
import { nameEvidence } from './names.js';
import { tallyText, textQualifies } from './text.js';
import { namesQualify, tallyNamesInText } from './text-names.js';
import { nameTokens } from './tokens.js';
import { nameDictionaries, tallyValues, type ValueTally } from './values.js';

export const REPORT_AT = 0.6;
/** The most a value rule below its reportShare contributes: a candidate, never a finding alone. */
const CANDIDATE_CAP = 0.5;
/** Rule-id prefix of table-subject evidence (table.ts). */
export const SUBJECT_EVIDENCE = 'table-subject:';
export const CANDIDATE_AT = 0.3;

export interface ColumnInput {
  readonly name: string;
  readonly typeClass: TypeClass;
  /** Sampled values as text; null when the column was not sampled (binary, skipped). */
  readonly values: readonly (string | null)[] | null;
  /** Categories read back from labels (comments, sensitivity classifications). */
  readonly labels?: readonly string[];
}

/** Work in progress for one category of one column. */
export interface Claim {
  readonly category: string;
  readonly evidence: Evidence[];
  readonly weights: number[];
  readonly rawExamples: string[];
  /** Indexes into `evidence` of support-only value evidence (a shape too common to count alone). */
  readonly supportOnly: number[];
}

export interface ColumnClassification {
  readonly nonNull: number;
  readonly tokens: readonly string[];
  /** Every category with any evidence (before thresholds), for table context. */
  readonly claims: Map<string, Claim>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function claim(map: Map<string, Claim>, category: string): Claim {
  let c = map.get(category);
  if (!c) {
    c = { category, evidence: [], weights: [], rawExamples: [], supportOnly: [] };
    map.set(category, c);
  }
  return c;
}

/** Among rules of one group (the same values read several ways), keep the least likely by chance. */
function resolveGroups(tallies: ValueTally[], nonNull: number): ValueTally[] {
  const qualified = (t: ValueTally) => t.validated / nonNull >= t.rule.def.minShare;
  const bestOfGroup = new Map<string, ValueTally>();
  for (const t of tallies) {
    const g = t.rule.def.group;
    if (!g || !qualified(t) || t.rule.def.supportOnly) continue;
    const score = (x: ValueTally) => (x.validated / nonNull) * Math.log(1 / Math.max(1e-6, x.rule.def.chance));
    const prev = bestOfGroup.get(g);
    if (!prev || score(t) > score(prev)) bestOfGroup.set(g, t);
  }
  return tallies.filter((t) => {
    const best = t.rule.def.group ? bestOfGroup.get(t.rule.def.group) : undefined;
    return !best || best === t;
  });
}

export function classifyColumn(input: ColumnInput, rules: Rules, now: Date): ColumnClassification {
  const tokens = nameTokens(input.name, rules);
  const claims = new Map<string, Claim>();
  const values = blanksAsNull(input.values);
  let nonNull = 0;
  let shortValues = 0;
  let spaced = 0;
  let worded = 0;
  /** digitsOfShort[d]: short values (< 24 chars) holding d digits (d capped at 40). */
  const digitsOfShort = new Array<number>(41).fill(0);
  let short = 0;
  if (values) {
    for (const v of values) {
      if (v === null) continue;
      nonNull++;
      // Counted without allocating: short codes (≤ 3 non-blank chars), digits of short values, and
      // prose: ≥ 3 spaces and ≥ 2 words of ≥ 3 letters (an IBAN or an address line is not prose).
      let nonBlank = 0;
      let spaces = 0;
      let words = 0;
      let run = 0;
      let digits = 0;
      const isShort = v.length < 24;
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c === 32) spaces++;
        else nonBlank++;
        if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
          if (++run === 3) words++;
        } else {
          run = 0;
          if (c >= 48 && c <= 57) digits++;
        }
        if (!isShort && nonBlank > 3 && spaces >= 3 && words >= 2) break;
      }
      if (nonBlank <= 3) shortValues++;
      if (spaces >= 3 && words >= 2) spaced++;
      if (spaces >= 1 && words >= 1) worded++;
      if (isShort) {
        short++;
        digitsOfShort[Math.min(40, digits)]!++;
      }
    }
  }
  // A column of one- to three-character codes (Y/N, flags) cannot hold any category's values, nor
  // short values with a digit count the category never has (blank strings count for neither).
  const { codesOnly, digitsContradict } = shapeGates(input.values);

  for (const hit of nameEvidence(input.name, rules, tokens)) {
    const c = claim(claims, hit.category);
    const contradicted = codesOnly || digitsContradict(rules.categories.get(hit.category)?.digits);
    const w = contradicted ? hit.weight * 0.4 : hit.weight;
    c.evidence.push({ ...hit.evidence, weight: round2(w) });
    c.weights.push(w);
  }
  for (const label of input.labels ?? []) {
    const c = claim(claims, label);
    c.evidence.push({ rule: 'label', source: 'label', detail: 'labelled in the database', weight: 0.9 });
    c.weights.push(0.9);
  }

  if (values && nonNull > 0) {
    const prose = input.typeClass !== 'date' && input.typeClass !== 'timestamp' && spaced / nonNull >= 0.2;
    let explained = false;
    {
      const tallies = resolveGroups(tallyValues(values, rules, nameDictionaries(rules)), nonNull);
      // A category's share counts every (non-support) rule of that category: a column mixing
      // formatted and bare phone numbers is a phone column.
      const categoryShare = new Map<string, number>();
      for (const t of tallies) {
        if (t.rule.def.supportOnly) continue;
        categoryShare.set(t.rule.def.category, (categoryShare.get(t.rule.def.category) ?? 0) + t.validated / nonNull);
      }
      // Values a specific rule explains are not evidence for a generic shape's category.
      explained = tallies.some((t) => !t.rule.def.supportOnly && t.validated / nonNull >= t.rule.def.minShare);
      let running: boolean | undefined;
      for (const t of tallies) {
        const def = t.rule.def;
        if (def.supportOnly && explained) continue;
        // A rule none of whose matches validated says nothing (its shape matched, its check did not).
        if (t.validCount === 0) continue;
        let belowMargin = false;
        const share = def.supportOnly ? t.validated / nonNull : Math.min(1, categoryShare.get(def.category) ?? 0);
        let w: number;
        if (share >= def.minShare) {
          const span = Math.max(0.01, 0.9 - def.minShare);
          w = def.weight * (0.6 + 0.4 * Math.min(1, Math.max(0, (share - def.minShare) / span)));
          // Sequential ids (few distinct prefixes) are not people's numbers.
          if (t.prefixes && t.validCount >= 50 && t.prefixes.size < 10) w *= 0.3;
          // A running number (C1…C1000) matches weak code shapes by accident (C10.0 is ICD-10).
          if (def.chance >= 0.1 && (running ??= isRunningNumber(values))) w *= 0.3;
          // Decide with a margin: below the rule's reportShare its values alone never report.
          if (def.reportShare !== undefined && share < def.reportShare) {
            w = Math.min(w, CANDIDATE_CAP);
            belowMargin = true;
          }
        } else if (t.validCount >= 3) {
          w = def.weight * share * 0.5;
        } else continue;
        const c = claim(claims, def.category);
        if (def.supportOnly || belowMargin) c.supportOnly.push(c.evidence.length);
        c.evidence.push({
          rule: def.id,
          source: 'value',
          matchRate: round2(t.matched / nonNull),
          validated: t.validCount,
          weight: round2(w),
        });
        c.weights.push(w);
        c.rawExamples.push(...t.rawExamples);
      }
    }
    // Values a specific rule explains (IBANs, addresses) are not searched as free text.
    // Short texts with words ("SSN 140-31-5102 c4ca42", a log line) are searched for embedded
    // numbers and emails too; the vocabulary detectors are for prose.
    const wordedText = input.typeClass === 'text' && worded / nonNull >= 0.2;
    if ((prose || wordedText || input.typeClass === 'json' || input.typeClass === 'array') && !explained) {
      for (const t of tallyText(values, rules, { vocabulary: prose || input.typeClass !== 'text' })) {
        if (!textQualifies(t)) continue;
        const strong = t.withContext >= t.rule.def.minRowsWithContext;
        const w = strong ? 0.9 : 0.7;
        const c = claim(claims, t.rule.def.category);
        c.evidence.push({
          rule: t.rule.def.id,
          source: 'text',
          rows: t.rows,
          withContext: t.withContext,
          validated: t.matches,
          matchRate: round2(t.rows / nonNull),
          weight: w,
        });
        c.weights.push(w);
        c.rawExamples.push(...t.rawExamples);
      }
    }
    // JSON/XML: each key path's leaves are judged like a column's values; the key's name speaks too.
    const kind = input.typeClass === 'json' ? 'json' : input.typeClass === 'text' || input.typeClass === 'other' ? looksStructured(values) : null;
    const leaves = kind ? structuredLeaves(values, kind) : null;
    if (leaves) structuredEvidence(leaves, claims, rules);
    // Person names in prose: a few rows naming a caller or a relative.
    if (prose && !explained && input.typeClass !== 'json') {
      const dict = nameDictionaries(rules);
      const t = tallyNamesInText(values, dict.first, dict.last);
      if (namesQualify(t)) {
        const w = t.withContext >= 2 ? 0.9 : 0.7;
        const c = claim(claims, 'person_name');
        c.evidence.push({
          rule: 'person-name-in-text',
          source: 'text',
          rows: t.rows,
          withContext: t.withContext,
          validated: t.matches,
          matchRate: round2(t.rows / nonNull),
          weight: w,
        });
        c.weights.push(w);
        c.rawExamples.push(...t.rawExamples);
      }
    }
    const dateish = input.typeClass === 'date' || input.typeClass === 'timestamp' || input.typeClass === 'text' || input.typeClass === 'integer';
    if (dateish && !prose) {
      const p = profileDates(values, now);
      if (p && looksLikeBirthDates(p)) {
        const w = 0.65;
        const c = claim(claims, 'dob');
        c.evidence.push({
          rule: 'dob-distribution',
          source: 'value',
          matchRate: round2(p.parseRate),
          validated: p.parsed,
          detail: `median age ${Math.round(p.medianAge)}, interquartile range ${Math.round(p.iqrAge)} years, none in the future`,
          weight: w,
        });
        c.weights.push(w);
      }
    }
  }
  contradictByName(input.name, tokens, claims, rules);
  return { nonNull: countNonNull(input.values), tokens, claims };
}

/** A key name inside JSON/XML speaks for its leaves a little less than a column's name. */
const KEY_NAME_FACTOR = 0.8;

function structuredEvidence(leaves: NonNullable<ReturnType<typeof structuredLeaves>>, claims: Map<string, Claim>, rules: Rules): void {
  const dict = nameDictionaries(rules);
  for (const [path, { key, values }] of leaves.paths) {
    // A path present in few documents says little about the column.
    if (!pathSpeaks(values.length, leaves.parsed)) continue;
    const n = values.length;
    const tallies = resolveGroups(tallyValues(values, rules, dict), n);
    for (const t of tallies) {
      const def = t.rule.def;
      const share = t.validated / n;
      if (def.supportOnly || share < def.minShare) continue;
      const span = Math.max(0.01, 0.9 - def.minShare);
      const w = def.weight * (0.6 + 0.4 * Math.min(1, Math.max(0, (share - def.minShare) / span)));
      const c = claim(claims, def.category);
      c.evidence.push({ rule: def.id, source: 'value', path, matchRate: round2(t.matched / n), validated: t.validCount, weight: round2(w) });
      c.weights.push(w);
      c.rawExamples.push(...t.rawExamples);
    }
    if (!key) continue;
    for (const hit of nameEvidence(key, rules)) {
      const w = hit.weight * KEY_NAME_FACTOR;
      const c = claim(claims, hit.category);
      c.evidence.push({ ...hit.evidence, path, weight: round2(w) });
      c.weights.push(w);
    }
  }
}

/** How much value evidence keeps when the column's name names something else: at most a candidate. */
const CONTRADICTED = 0.5;

/**
 * A column whose name names something else (`parcel_no`, `term_dt`: a token in the category's
 * `valuesUnless`) does not become the category from its values alone: unless the name also names
 * the category, its value and text evidence is halved and a name entry says why (`contradicts`).
 */
function contradictByName(column: string, tokens: readonly string[], claims: Map<string, Claim>, rules: Rules): void {
  for (const c of claims.values()) {
    const unless = rules.categories.get(c.category)?.valuesUnless;
    if (!unless || unless.length === 0) continue;
    const hit = tokens.find((t) => unless.includes(t));
    if (!hit || c.evidence.some((e) => e.source === 'name' || e.source === 'label')) continue;
    c.evidence.forEach((e, i) => {
      const w = c.weights[i]! * CONTRADICTED;
      c.weights[i] = w;
      e.weight = round2(w);
    });
    c.evidence.push({
      rule: 'name-contradicts',
      source: 'name',
      detail: `the name ${column} names a ${hit}, not ${c.category}: values alone do not decide it`,
      contradicts: hit,
      weight: 0,
    });
    c.weights.push(0);
  }
}

/** Combines a claim's weights into a confidence: 1 - Π(1 - w), capped at 0.99. */
export function confidenceOf(c: Claim): number {
  let miss = 1;
  for (const w of c.weights) miss *= 1 - Math.min(0.99, Math.max(0, w));
  return Math.min(0.99, 1 - miss);
}

/**
 * How far a claim stands: context never invents a finding alone, and support-only value evidence
 * (a shape too common to mean anything alone) is a finding only beside a name; with context alone
 * it is a candidate for review.
 */
export function standing(c: Claim): 'finding' | 'candidate' | 'none' {
  let support = false;
  let context = false;
  let other = false;
  c.evidence.forEach((e, i) => {
    if (e.contradicts !== undefined) return;
    // A table subject (rules/subjects.yaml) is evidence in its own right; other context only raises.
    if (e.source === 'context' && !e.rule.startsWith(SUBJECT_EVIDENCE)) context = true;
    else if (c.supportOnly.includes(i)) support = true;
    else other = true;
  });
  return other ? 'finding' : support && context ? 'candidate' : 'none';
}

/** Turns claims into findings and candidates, applying the category's type gate. */
export function decide(
  claims: ReadonlyMap<string, Claim>,
  typeClass: TypeClass,
  rules: Rules,
): { findings: Finding[]; candidates: Finding[] } {
  const findings: Finding[] = [];
  const candidates: Finding[] = [];
  for (const c of claims.values()) {
    const cat = rules.categories.get(c.category);
    // A table subject's content columns pass its own type gate (a vitals table's decimal weight).
    const bySubject = c.evidence.some((e) => e.rule.startsWith(SUBJECT_EVIDENCE));
    // Values found inside JSON/XML hold whatever category their leaves are (an SSN in a jsonb column).
    const inside = c.evidence.some((e) => e.path !== undefined);
    if (!cat || (!cat.types.includes(typeClass) && !bySubject && !inside)) continue;
    const stands = standing(c);
    if (stands === 'none') continue;
    const confidence = round2(stands === 'candidate' ? Math.min(confidenceOf(c), REPORT_AT - 0.01) : confidenceOf(c));
    if (confidence < CANDIDATE_AT) continue;
    const examples = [...new Set(c.rawExamples.map((r) => maskExample(c.category, r)))].slice(0, 3);
    const f: Finding = {
      category: c.category,
      confidence,
      evidence: [...c.evidence].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)),
      examples,
    };
    (confidence >= REPORT_AT ? findings : candidates).push(f);
  }
  const order = (a: Finding, b: Finding) => b.confidence - a.confidence || a.category.localeCompare(b.category);
  return { findings: findings.sort(order), candidates: candidates.sort(order) };
}
