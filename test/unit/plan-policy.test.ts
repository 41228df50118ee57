import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy, resolveRules } from '../../src/plan/policy.js';
import { MinimError } from '../../src/errors.js';

const catchError = (fn: () => unknown): MinimError => {
  try {
    fn();
  } catch (e) {
    return e as MinimError;
  }
  throw new Error('expected an error');
};

describe('policy loading', () => {
  it('loads the built-in rules/policy.yaml', async () => {
    const policy = await loadPolicy();
    expect(policy.hash_salt_env).toBe('MINIM_HASH_SALT');
    expect(Object.keys(policy.categories)).toEqual(expect.arrayContaining(['ssn', 'dob', 'credit_card', 'bank_account', 'medical']));
  });

  it('names the file and the line of a YAML syntax error (FILE_INVALID)', () => {
    const e = catchError(() => parsePolicy('version: 1\ncategories:\n  ssn: [unclosed\n', 'my-policy.yaml'));
    expect(e.code).toBe('FILE_INVALID');
    expect(e.message).toMatch(/^policy my-policy\.yaml line \d+: not valid YAML/);
  });

  it('names the path of a wrong value within the file (RULE_INVALID)', () => {
    const text = 'version: 1\ncategories:\n  ssn:\n    default:\n      action: shred\n      reason: x\n';
    const e = catchError(() => parsePolicy(text, 'p.yaml'));
    expect(e.code).toBe('RULE_INVALID');
    expect(e.message).toContain('policy p.yaml: categories.ssn.default');
  });

  it('rejects a mask without strategy, a purge without date columns, unknown keys', () => {
    const mask = catchError(() => parsePolicy('version: 1\ncategories:\n  ssn:\n    default: {action: mask, reason: r}\n', 'p.yaml'));
    expect(mask.message).toContain('categories.ssn.default.strategy: mask needs a strategy');
    const purge = catchError(() => parsePolicy('version: 1\ncategories:\n  medical:\n    default: {action: purge, reason: r, retention: 7y}\n', 'p.yaml'));
    expect(purge.message).toContain('purge needs date_columns');
    const extra = catchError(() => parsePolicy('version: 1\ncategories: {}\ncolour: blue\n', 'p.yaml'));
    expect(extra.code).toBe('RULE_INVALID');
    expect(extra.message).toMatch(/colour/);
  });

  it('reports a missing file as FILE_NOT_FOUND naming it', async () => {
    await expect(loadPolicy('/nonexistent/policy.yaml')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('/nonexistent/policy.yaml') });
  });
});

describe('policy resolution', () => {
  it('applies department overrides, free-text rules before departments, and lists of actions', async () => {
    const policy = await loadPolicy();
    const r = (category: string, keys: string[], freeText = false) =>
      resolveRules(policy, { category, departmentKeys: keys, freeText }).map((x) => `${x.origin}:${x.rule.action}:${x.rule.strategy ?? ''}`);
    expect(r('ssn', ['payroll'])).toEqual(['ssn.departments.payroll:retain:']);
    expect(r('ssn', ['parks'])).toEqual(['ssn.default:mask:last4']);
    expect(r('ssn', ['payroll'], true)).toEqual(['ssn.text:mask:redact']);
    expect(r('dob', ['HUMAN_SERVICES'])).toEqual(['dob.departments.human_services:retain:']);
    expect(r('medical', ['x'])).toEqual(['medical.default:restrict:', 'medical.default:purge:blank']);
    expect(r('unknown_cat', ['x'])).toEqual([]);
    expect(r('unknown_cat', ['x'], true)).toEqual(['text_default:mask:redact']);
  });
});
