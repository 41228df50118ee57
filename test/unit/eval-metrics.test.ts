import { describe, expect, it } from 'vitest';
import { misclassified, score } from '../../bench/eval/metrics.js';
import { classifyByName } from '../../bench/eval/baselines/name-only.js';
import { mapOpenRedactionType } from '../../bench/eval/baselines/openredaction.js';

describe('eval metrics', () => {
  const truth = [
    { key: 'a.t.ssn', labels: ['ssn'] as const },
    { key: 'a.t.notes', labels: ['ssn', 'phone'] as const },
    { key: 'a.t.amount', labels: [] as const },
    { key: 'a.t.zip', labels: [] as const },
  ].map((t) => ({ key: t.key, labels: [...t.labels] }));

  it('scores column-level precision, recall, F1 and false alarms per 100 clean columns', () => {
    const predicted = new Map<string, Set<string>>([
      ['a.t.ssn', new Set(['ssn'])],
      ['a.t.notes', new Set(['ssn'])],
      ['a.t.amount', new Set(['phone'])],
      ['a.t.zip', new Set(['geolocation'])],
    ]);
    const s = score(truth, predicted);
    expect(s.perCategory.ssn).toMatchObject({ support: 2, tp: 2, fp: 0, fn: 0, precision: 1, recall: 1 });
    expect(s.perCategory.phone).toMatchObject({ support: 1, tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(s.micro).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(s.micro.f1).toBeCloseTo(2 / 3);
    // 'geolocation' is outside the corpus's categories: ignored, so only `amount` is a false alarm.
    expect(s.falseAlarmColumns).toBe(1);
    expect(s.falseAlarmsPer100Clean).toBe(50);
    expect(s.audit.recall).toBe(1);
    expect(misclassified(truth, predicted).map((m) => m.key)).toEqual(['a.t.notes', 'a.t.amount']);
  });

  it('counts a column missing from the predictions as nothing found', () => {
    const s = score(truth, new Map());
    expect(s.missingColumns).toBe(4);
    expect(s.micro.recall).toBe(0);
    expect(s.micro.precision).toBeNull();
  });

  it('name-only baseline fires on substrings as those scanners do', () => {
    expect([...classifyByName('cust_ssn')]).toEqual(['ssn']);
    expect(classifyByName('username').has('person_name')).toBe(true);
    expect(classifyByName('zip_code').has('ip_address')).toBe(true);
    expect(classifyByName('c3').size).toBe(0);
  });

  it('maps openredaction types onto category ids', () => {
    expect(mapOpenRedactionType('PHONE_UK')).toBe('phone');
    expect(mapOpenRedactionType('CREDIT_CARD')).toBe('credit_card');
    expect(mapOpenRedactionType('ZIP_CODE_US')).toBeUndefined();
  });
});
