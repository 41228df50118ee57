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

const WORD = /^[A-Za-z][A-Za-z'-]*$/;
const LIST = /\s*(?:;|\/|&|\band\b|\|)\s*/i;

function onePerson(value: string, dict: NameDictionaries): boolean {
  const parts = value.split(/[\s,.]+/);
  let known = 0;
  let unknown = 0;
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i]!;
    if (p.length === 0) continue;
    // A numeric suffix (a duplicate marker: `Garcia2`, `Garcia 2`) is noise, not a word.
    if (/^\d{1,3}$/.test(p) && i === parts.length - 1 && i > 0) continue;
    p = p.replace(/\d{1,3}$/, '');
    if (!WORD.test(p)) return false;
    if (p.length === 1) continue; // an initial
    const t = p.toLowerCase();
    if (dict.first.has(t) || dict.last.has(t)) known++;
    else unknown++;
  }
  if (known + unknown > 4) return false;
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
