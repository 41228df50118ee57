/**
 * Run-together lowercase column names (`guardianphone`, `billingpostalcode`, `homeaddr`) split into
 * words: a minimum-cost segmentation (Zipf's law: a word's cost is the log of its frequency rank,
 * the method of Anderson's wordninja) over a real English word list, the frequency-ranked list the
 * `wordsninja` package ships (126,000 words, MIT), plus the rules' own vocabulary (every token a
 * rule names: `addr`, `ssn`, `dob`), which costs as little as a very common word.
 *
 * A token is split only when the split costs less than the token read as one word: `username`,
 * `lesson`, `mission` and `wastewater` are common words and stay whole; `firstname` (a rare
 * spelling) becomes `first name`. Every part has at least two letters.
 */
import { createRequire } from 'node:module';

let ranks: Map<string, number> | null = null;
let logN = 1;

/** The word list, loaded once on first use (about 20 ms). */
function wordRanks(): Map<string, number> {
  if (!ranks) {
    const require = createRequire(import.meta.url);
    const words = require('wordsninja/words-en.json') as string[];
    ranks = new Map();
    words.forEach((w, i) => {
      if (!ranks!.has(w)) ranks!.set(w, i);
    });
    logN = Math.log(words.length);
  }
  return ranks;
}

/** A word's frequency rank in the English list (0 = most common); Infinity when absent. */
export function wordRank(word: string): number {
  return wordRanks().get(word) ?? Infinity;
}

/** Rank a rules-vocabulary word costs at most: as common as the list's thousandth word. */
const DOMAIN_RANK = 1000;
/** Longest word tried as one part. */
const MAX_PART = 20;

const costOfRank = (rank: number) => Math.log((rank + 1) * logN);

function cost(word: string, domain: ReadonlySet<string>, domainOnly = false): number {
  if (domainOnly) return word.length >= 3 && domain.has(word) ? 1 : Infinity;
  const r = wordRanks().get(word);
  if (domain.has(word)) return costOfRank(Math.min(r ?? DOMAIN_RANK, DOMAIN_RANK));
  return r === undefined ? Infinity : costOfRank(r);
}

const cache = new WeakMap<ReadonlySet<string>, Map<string, readonly string[] | null>>();

/**
 * The token's parts when splitting it costs less than reading it whole, else null. Only
 * lowercase letter runs of at least 6 characters are tried.
 */
export function segmentCompound(token: string, domain: ReadonlySet<string>): readonly string[] | null {
  if (token.length < 6 || token.length > 60 || !/^[a-z]+$/.test(token) || domain.has(token)) return null;
  let memo = cache.get(domain);
  if (!memo) cache.set(domain, (memo = new Map()));
  const hit = memo.get(token);
  if (hit !== undefined) return hit;
  // A token made wholly of the rules' own words splits into them even when it is a common word
  // itself (`cellphone` → cell phone, `username` → user name, which the name rules then refuse);
  // parts of three letters or more, so two-letter rule words (`is`, `on`, `dl`) cannot carve a word up.
  const out = split(token, domain, true) ?? split(token, domain, false);
  memo.set(token, out);
  return out;
}

function split(token: string, domain: ReadonlySet<string>, domainOnly: boolean): string[] | null {
  const n = token.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 2; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j <= i - 2; j++) {
      if (best[j] === Infinity) continue;
      if (j === 0 && i === n) continue; // the whole token is the alternative, not a split
      const c = best[j]! + cost(token.slice(j, i), domain, domainOnly);
      if (c < best[i]!) {
        best[i] = c;
        from[i] = j;
      }
    }
  }
  if (best[n] === Infinity || (!domainOnly && best[n]! >= cost(token, domain))) return null;
  const out: string[] = [];
  for (let i = n; i > 0; i = from[i]!) out.unshift(token.slice(from[i]!, i));
  return out;
}
