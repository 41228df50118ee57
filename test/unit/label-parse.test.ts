import { describe, expect, it } from 'vitest';
import { labelEvidence } from '../../src/label/parse.js';
import { formatTag, stripTag, withTag } from '../../src/label/tag.js';
import { sensitivityFor } from '../../src/label/sensitivity.js';

describe('label tags', () => {
  it('appends a tag keeping the existing comment', () => {
    expect(withTag('Employee tax id', ['ssn'])).toBe('Employee tax id [minim: ssn]');
    expect(withTag(null, ['ssn', 'dob'])).toBe('[minim: dob, ssn]');
  });
  it('replaces its own tag instead of duplicating it', () => {
    const once = withTag('Employee tax id', ['ssn']);
    expect(withTag(once, ['ssn'])).toBe(once);
    expect(withTag(once, ['ssn', 'tax_id'])).toBe('Employee tax id [minim: ssn, tax_id]');
    expect(stripTag(once)).toBe('Employee tax id');
    expect(formatTag(['b', 'a', 'a'])).toBe('[minim: a, b]');
  });
});

describe('labelEvidence', () => {
  it('reads minim tags', () => {
    expect(labelEvidence('SSN of the employee [minim: ssn, dob]')).toEqual([{ category: 'dob' }, { category: 'ssn' }]);
    expect(labelEvidence('[MINIM: Email]')).toEqual([{ category: 'email' }]);
  });
  it('reads SQL Server sensitivity classifications', () => {
    expect(labelEvidence("LABEL='Confidential', INFORMATION_TYPE='National ID', RANK=HIGH")).toEqual([{ category: 'ssn' }]);
    expect(labelEvidence('label=Highly Confidential; information_type=Health; rank=Critical')).toEqual([{ category: 'medical' }]);
    expect(labelEvidence('information_type: Contact Info')).toEqual([]);
  });
  it('returns nothing for plain comments', () => {
    expect(labelEvidence(null)).toEqual([]);
    expect(labelEvidence('')).toEqual([]);
    expect(labelEvidence('the minim value of x [note]')).toEqual([]);
  });
  it('picks the highest rank for a column with several categories', () => {
    expect(sensitivityFor(['email', 'ssn'])).toMatchObject({ informationType: 'SSN', rank: 'CRITICAL' });
  });
});
