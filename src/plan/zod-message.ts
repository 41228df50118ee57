/**
 * Zod errors in the user's words, for every file minim reads (config, plan, policy, stewards, scan):
 * `source 1 has no url`, `scan.sampleRows must be at most 1000000`, `item 3 status must be one of
 * proposed, approved, rejected, obsolete`. Never a value from the file (it may be a password or a
 * sampled value): only where, what kind of thing was found, and what is expected.
 */
import type { z } from 'zod';
import { safeText } from '../util/text.js';

type Issue = z.core.$ZodIssue;

/** The most specific issue: inside a union (one rule or a list of rules), the branch that got furthest. */
function specific(issue: Issue): Issue {
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length > 0) {
    const branches = issue.errors.filter((b) => b.length > 0);
    const best = branches.find((b) => b[0]!.code !== 'invalid_type') ?? branches[0];
    if (best) {
      const inner = specific(best[0]!);
      return { ...inner, path: [...issue.path, ...inner.path] } as Issue;
    }
  }
  return issue;
}

/** `sources` → `source`: the noun for one entry of a list. */
function singular(key: string): string {
  if (/ies$/.test(key)) return key.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(key)) return key;
  return key.replace(/s$/, '');
}

/** `source 1`, `scan.sampleRows`, `item 3 decision 2 by`: where in the file, counted from 1. */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    const next = path[i + 1];
    if (typeof p === 'string' && typeof next === 'number') {
      parts.push(`${singular(p)} ${next + 1}`);
      i++;
    } else if (typeof p === 'number') parts.push(`entry ${p + 1}`);
    else {
      const key = safeText(String(p));
      const last = parts.at(-1);
      // Keys of a mapping join with dots (scan.sampleRows); after a numbered entry, a space.
      if (last !== undefined && !/ \d+$/.test(last)) parts[parts.length - 1] = `${last}.${key}`;
      else parts.push(key);
    }
  }
  return parts.join(' ');
}

/** What kind of thing a value is, in words (never the value itself). */
function kindOf(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return 'true/false';
  return `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
  date: 'a date',
  bigint: 'a whole number',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

/** One issue in words: `source 1 has no url`. */
export function issueText(issue: Issue, raw: unknown): string {
  const i = specific(issue);
  const path = i.path;
  const where = describePath(path);
  const field = where || 'the file';
  const parentWhere = describePath(path.slice(0, -1));
  const last = path.at(-1);
  const lastKey = typeof last === 'string' ? safeText(last) : undefined;
  const issueAny = i as unknown as Record<string, unknown>;
  switch (i.code) {
    case 'invalid_type': {
      const value = valueAt(raw, path);
      const expected = EXPECTED[String(issueAny['expected'])] ?? String(issueAny['expected']);
      if (value === undefined && lastKey !== undefined) return `${parentWhere || 'the file'} has no ${lastKey}`;
      return `${field} should be ${expected}, not ${kindOf(value)}`;
    }
    case 'unrecognized_keys': {
      const keys = (issueAny['keys'] as string[] | undefined) ?? [];
      return `${field} has ${keys.length === 1 ? 'an unknown key' : 'unknown keys'} ${keys.map((k) => safeText(k)).join(', ')} (a typo?)`;
    }
    case 'too_small': {
      const min = String(issueAny['minimum']);
      const origin = String(issueAny['origin']);
      if (origin === 'string') return min === '1' ? `${field} is empty` : `${field} needs at least ${min} characters`;
      if (origin === 'array' || origin === 'set') return `${field} needs at least ${min} entr${min === '1' ? 'y' : 'ies'}`;
      return `${field} must be at least ${min}`;
    }
    case 'too_big': {
      const max = String(issueAny['maximum']);
      const origin = String(issueAny['origin']);
      if (origin === 'string') return `${field} is longer than ${max} characters`;
      if (origin === 'array' || origin === 'set') return `${field} has more than ${max} entries`;
      return `${field} must be at most ${max}`;
    }
    case 'invalid_value': {
      const values = ((issueAny['values'] as unknown[] | undefined) ?? []).map((v) => safeText(String(v)));
      return values.length === 1 ? `${field} must be ${values[0]}` : `${field} must be one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      // Our schemas give their formats a message in words ("use letters, digits, _ and -").
      return `${field} is not in the expected form: ${i.message}`;
    default:
      return `${field}: ${i.message}`;
  }
}

/** One line from a zod error: the first issue in words, and how many more there are. */
export function zodMessage(error: z.ZodError, raw?: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${issueText(issue, raw)}${more}`;
}
