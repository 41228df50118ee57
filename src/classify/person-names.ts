/** Whether a short value reads as a person's name: 1-4 word tokens, mostly from the name dictionaries. */
export interface NameDictionaries {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
}

const WORD = /^[A-Za-z][A-Za-z'-]*$/;

export function looksLikePersonName(value: string, dict: NameDictionaries): boolean {
  const parts = value.split(/[\s,.]+/);
  let known = 0;
  let unknown = 0;
  for (const p of parts) {
    if (p.length === 0) continue;
    if (!WORD.test(p)) return false;
    if (p.length === 1) continue; // an initial
    const t = p.toLowerCase();
    if (dict.first.has(t) || dict.last.has(t)) known++;
    else unknown++;
  }
  if (known + unknown > 4) return false;
  return known >= 1 && unknown <= 1;
}
