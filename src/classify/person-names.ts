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

export function looksLikePersonName(value: string, dict: NameDictionaries): boolean {
  if (!LIST.test(value)) return onePerson(value, dict);
  const people = value.split(LIST).filter((x) => x.length > 0);
  if (people.length > 4) return false;
  // `Ann & Joe Baker`: a given name alone shares the last person's surname.
  return people.every((p) => onePerson(p, dict));
}
