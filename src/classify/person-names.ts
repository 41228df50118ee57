/**
 * Whether a short value reads as a person's name: 1-4 word tokens, mostly from the name
 * dictionaries. Noise people write is tolerated: ALL CAPS, `LAST, First`, a numeric suffix
 * (`Maria Garcia 2`, `JSMITH01` is not a name but `Smith2` is read as Smith), and short lists of
 * names in one cell (`Maria Garcia; John Smith`, `Ann & Joe Baker`).
 */
export interface NameDictionaries {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
}

const LIST = /\s*(?:;|\/|&|\band\b|\|)\s*/i;

/** `\s` (outside Unicode mode) or `,` or `.`: what separates the words of one person (`/[\s,.]+/`). */
function isSeparator(c: number): boolean {
  if (c < 128) return c === 32 || c === 44 || c === 46 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * One person's name: the words between separators (`value.split(/[\s,.]+/)`), read in place. A
 * last word of 1-3 digits after another part is a duplicate marker; up to 3 digits ending a word
 * are dropped (`Garcia2`); every other word must be letters, apostrophes and hyphens, starting
 * with a letter. Initials do not count; at most 4 words, at least one known and at most one unknown.
 */
function onePerson(value: string, dict: NameDictionaries): boolean {
  const n = value.length;
  let known = 0;
  let unknown = 0;
  // The split's parts: a leading separator makes an empty first part (so a later part is not the first).
  let start = 0;
  while (start < n && isSeparator(value.charCodeAt(start))) start++;
  let index = start > 0 ? 1 : 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && !isSeparator(value.charCodeAt(end))) end++;
    // A trailing separator makes an empty last part: then this word is not the last part.
    const lastPart = end === n;
    let digits = 0;
    while (digits < end - start && value.charCodeAt(end - 1 - digits) >= 48 && value.charCodeAt(end - 1 - digits) <= 57) digits++;
    let next = end;
    while (next < n && isSeparator(value.charCodeAt(next))) next++;
    if (!(digits === end - start && digits <= 3 && lastPart && index > 0)) {
      // `\d{1,3}$` removed: the last (up to) three digits.
      const wordEnd = end - Math.min(digits, 3);
      if (wordEnd === start || !isAsciiLetter(value.charCodeAt(start))) return false;
      for (let i = start + 1; i < wordEnd; i++) {
        const c = value.charCodeAt(i);
        if (!isAsciiLetter(c) && c !== 39 && c !== 45) return false;
      }
      if (wordEnd - start > 1) {
        const t = value.slice(start, wordEnd).toLowerCase();
        if (dict.first.has(t) || dict.last.has(t)) known++;
        else if (++unknown > 1) return false; // whatever follows, not a name
        if (known + unknown > 4) return false;
      }
    }
    index++;
    start = next;
  }
  return known >= 1 && unknown <= 1;
}

/**
 * `onePerson` for a value of ASCII letters, spaces, apostrophes and hyphens with no word `and`
 * (where neither LIST nor the digit rules can apply), without splitting; undefined for any other value.
 */
function plainPerson(value: string, dict: NameDictionaries): boolean | undefined {
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32 || c === 39 || c === 45)) return undefined;
    // A word `and` (letters between non-letters) is LIST's.
    if ((c | 32) === 97 && i + 2 < n && (value.charCodeAt(i + 1) | 32) === 110 && (value.charCodeAt(i + 2) | 32) === 100) {
      const before = i === 0 ? 32 : value.charCodeAt(i - 1) | 32;
      const after = i + 3 === n ? 32 : value.charCodeAt(i + 3) | 32;
      if (!(before >= 97 && before <= 122) && !(after >= 97 && after <= 122)) return undefined;
    }
  }
  let known = 0;
  let unknown = 0;
  for (let start = 0; start < n; ) {
    if (value.charCodeAt(start) === 32) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < n && value.charCodeAt(end) !== 32) end++;
    const c = value.charCodeAt(start) | 32;
    // WORD: a word starts with a letter.
    if (!(c >= 97 && c <= 122)) return false;
    if (end - start > 1) {
      const t = value.slice(start, end).toLowerCase();
      if (dict.first.has(t) || dict.last.has(t)) known++;
      else if (++unknown > 1) return false; // more than one unknown word: no name, whatever follows
    }
    start = end;
  }
  return known + unknown <= 4 && known >= 1;
}

export function looksLikePersonName(value: string, dict: NameDictionaries): boolean {
  const plain = plainPerson(value, dict);
  if (plain !== undefined) return plain;
  if (!LIST.test(value)) return onePerson(value, dict);
  const people = value.split(LIST).filter((x) => x.length > 0);
  if (people.length > 4) return false;
  // `Ann & Joe Baker`: a given name alone shares the last person's surname.
  return people.every((p) => onePerson(p, dict));
}
