import { describe, expect, it } from 'vitest';
import { ColumnProfile } from '../../src/classify/profile.js';
import { nameDictionaries, tallyValues, type ValueTally } from '../../src/classify/values.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const rules = loadRules();
const dict = nameDictionaries(rules);

const plain = (ts: ValueTally[]) =>
  ts.map((t) => ({ rule: t.rule.def.id, matched: t.matched, validated: t.validated, validCount: t.validCount, examples: t.rawExamples, prefixes: t.prefixes ? [...t.prefixes] : null }));

describe('value tallies', () => {
  it('come out the same whether repeated values are remembered or run again', () => {
    const rng = new Rng(3);
    const pool: string[] = [];
    for (const r of rules.values) pool.push(...r.def.examples.match, ...r.def.examples.noMatch);
    pool.push('  Maria Garcia ', 'closed', 'pending', '   ', '');
    let remembered = 0;
    for (let c = 0; c < 200; c++) {
      // Columns from a few distinct values (the memo is kept) to all distinct (it is dropped), with nulls.
      const distinct = [2, 5, 40, 300, 2000][c % 5]!;
      const own = Array.from({ length: distinct }, () => pool[rng.int(0, pool.length - 1)]! + (rng.int(0, 3) === 0 ? String(rng.int(0, 99)) : ''));
      const values = Array.from({ length: rng.int(1, 1200) }, () => (rng.int(0, 20) === 0 ? null : own[rng.int(0, own.length - 1)]!));
      const want = plain(tallyValues(values, rules, dict, null, false));
      expect(plain(tallyValues(values, rules, dict)), `column ${c}`).toEqual(want);
      if (distinct <= 40 && want.length > 0) remembered++;
    }
    expect(remembered).toBeGreaterThan(50);
  });

  it('come out the same when the remembered values collide and evict each other', () => {
    // A few frequent values keep the memo on; hundreds of rare ones (trimmed, matching several rules
    // or none) share its slots with them, column after column.
    const rng = new Rng(5);
    const pool: string[] = [];
    for (const r of rules.values) pool.push(...r.def.examples.match);
    for (let c = 0; c < 60; c++) {
      const frequent = Array.from({ length: 4 }, () => pool[rng.int(0, pool.length - 1)]!);
      const rare = Array.from({ length: 900 }, (_, i) => (i % 7 === 0 ? ` ${pool[rng.int(0, pool.length - 1)]!} ` : `${pool[rng.int(0, pool.length - 1)]!}${i}`));
      const values = Array.from({ length: 3000 }, () => (rng.int(0, 1) === 0 ? frequent[rng.int(0, 3)]! : rare[rng.int(0, rare.length - 1)]!));
      expect(plain(tallyValues(values, rules, dict)), `column ${c}`).toEqual(plain(tallyValues(values, rules, dict, null, false)));
    }
  });

  it('come out the same from the shapes the profile measured as from shapes measured here', () => {
    const rng = new Rng(4);
    // Letters, digits, every character category of a shape (shape.ts), blanks at the ends, non-ASCII.
    const alphabet = "0123456789abcXYZ -.:@()+_,'/\té\u00a0Ω";
    const pool: string[] = [];
    for (const r of rules.values) pool.push(...r.def.examples.match, ...r.def.examples.noMatch);
    for (let c = 0; c < 100; c++) {
      const values = Array.from({ length: rng.int(1, 400) }, () => {
        if (rng.int(0, 20) === 0) return null;
        if (rng.int(0, 2) === 0) return pool[rng.int(0, pool.length - 1)]!;
        let s = '';
        const n = rng.int(1, 24);
        for (let k = 0; k < n; k++) s += alphabet[rng.int(0, alphabet.length - 1)];
        return s;
      });
      const profile = new ColumnProfile({ name: 'c', typeClass: 'text', values }, rules, new Date(0));
      const shapes = (profile as unknown as { shapes: Int32Array }).shapes;
      expect(shapes.some((s) => s >= 0)).toBe(true);
      const want = plain(tallyValues(profile.values!, rules, dict, null, false));
      expect(plain(tallyValues(profile.values!, rules, dict, shapes, false)), `column ${c}`).toEqual(want);
    }
  });
});
