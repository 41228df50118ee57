/**
 * Translates the regex subset detectors use into SQL Server LIKE patterns, for exact counts.
 * NOTE: SQL Server has no regex before SQL Server 2025 (REGEXP_LIKE). A regex is translated when
 * it is a top-level alternation of sequences of atoms — literals, `.`, `\d`, `\w`, `\s`, `[…]`
 * classes — each with an optional `?` or `{m}`/`{m,n}` (expanded into several patterns, at most
 * MAX_PATTERNS in all), plus `.*`/`.+`, and `^`/`$` anchors. Groups, `+`/`*` on anything but `.`,
 * `\b` and lookarounds are not translatable: the caller gets null and falls back to the sample estimate.
 */

/** More patterns than this and the count is not worth pushing down. */
export const MAX_PATTERNS = 64;

type Piece = { alternatives: string[] };

/** LIKE patterns (OR-ed) that match exactly the strings the regex matches, or null when not translatable. */
export function regexToLike(regex: string): string[] | null {
  const branches = splitTopLevel(regex);
  if (!branches) return null;
  const out: string[] = [];
  for (const b of branches) {
    const patterns = translateBranch(b);
    if (!patterns) return null;
    out.push(...patterns);
    if (out.length > MAX_PATTERNS) return null;
  }
  return [...new Set(out)];
}

/** Splits on `|` outside classes; null when there are groups. */
function splitTopLevel(regex: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const ch = regex[i]!;
    if (ch === '\\') {
      cur += ch + (regex[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      cur += ch;
      continue;
    }
    if (ch === '[') inClass = true;
    if (ch === '(' || ch === ')') return null;
    if (ch === '|') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (inClass) return null;
  out.push(cur);
  return out;
}

/** A literal character as LIKE text: `%`, `_` and `[` wrapped in brackets. */
function likeLiteral(ch: string): string {
  return ch === '%' || ch === '_' || ch === '[' ? `[${ch}]` : ch;
}

const ESCAPES: Record<string, string> = { d: '[0-9]', w: '[A-Za-z0-9_]', s: '[ \t\r\n\f\v]' };

function translateBranch(branch: string): string[] | null {
  let s = branch;
  const anchoredStart = s.startsWith('^');
  if (anchoredStart) s = s.slice(1);
  const anchoredEnd = s.endsWith('$') && !s.endsWith('\\$');
  if (anchoredEnd) s = s.slice(0, -1);
  const pieces: Piece[] = [];
  let i = 0;
  while (i < s.length) {
    let atom: string;
    let anyChar = false;
    const ch = s[i]!;
    if (ch === '\\') {
      const e = s[i + 1];
      if (e === undefined) return null;
      if (ESCAPES[e]) atom = ESCAPES[e]!;
      else if (/[A-Za-z0-9]/.test(e)) return null; // \b, \D, \S, \W, back-references…
      else atom = likeLiteral(e);
      i += 2;
    } else if (ch === '[') {
      const end = findClassEnd(s, i);
      if (end < 0) return null;
      atom = translateClass(s.slice(i + 1, end));
      if (!atom) return null;
      i = end + 1;
    } else if (ch === '.') {
      atom = '_';
      anyChar = true;
      i++;
    } else if ('^$*+?{}'.includes(ch)) {
      return null;
    } else {
      atom = likeLiteral(ch);
      i++;
    }
    const q = s[i];
    if (q === '*' || q === '+') {
      if (!anyChar) return null;
      pieces.push({ alternatives: [q === '*' ? '%' : '_%'] });
      i++;
      continue;
    }
    if (q === '?') {
      pieces.push({ alternatives: ['', atom] });
      i++;
      continue;
    }
    if (q === '{') {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(s.slice(i));
      if (!m) return null;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi < lo || hi > 64) return null;
      const alts: string[] = [];
      for (let k = lo; k <= hi; k++) alts.push(atom.repeat(k));
      pieces.push({ alternatives: alts });
      i += m[0].length;
      continue;
    }
    pieces.push({ alternatives: [atom] });
  }
  let patterns = [''];
  for (const p of pieces) {
    patterns = patterns.flatMap((pre) => p.alternatives.map((a) => pre + a));
    if (patterns.length > MAX_PATTERNS) return null;
  }
  return patterns.map((p) => `${anchoredStart ? '' : '%'}${p}${anchoredEnd ? '' : '%'}`);
}

function findClassEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ']') return i;
  }
  return -1;
}

/** A regex class body as a LIKE class; '' when not translatable. */
function translateClass(body: string): string {
  let out = '';
  let i = 0;
  if (body.startsWith('^')) {
    out += '^';
    i = 1;
  }
  for (; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      const e = body[i + 1];
      i++;
      if (e === 'd') out += '0-9';
      else if (e === 'w') out += 'A-Za-z0-9_';
      else if (e === 's') out += ' \t\r\n\f\v';
      else if (e === undefined || /[A-Za-z0-9]/.test(e)) return '';
      else if (e === ']' || e === '[' || e === '^') return ''; // LIKE cannot escape these inside a class
      else out += e;
      continue;
    }
    if (ch === '[') return ''; // POSIX classes like [[:digit:]]
    out += ch;
  }
  return out === '' || out === '^' ? '' : `[${out}]`;
}
