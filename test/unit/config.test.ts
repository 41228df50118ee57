/** minim.config.yaml: validation with one clear line, ${ENV} interpolation, source naming, table filters, URL redaction. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, sourceFromArg } from '../../src/config.js';
import { MinimError } from '../../src/errors.js';
import { tableFilter } from '../../src/scan/filter.js';
import { dialectOf, redactUrl, secretsOf } from '../../src/util/url.js';

const dir = mkdtempSync(join(tmpdir(), 'minim-config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const errorOf = (f: () => unknown): MinimError => {
  try {
    f();
  } catch (e) {
    return e as MinimError;
  }
  throw new Error('expected an error');
};

describe('loadConfig', () => {
  it('reads sources, interpolates ${ENV} secrets and resolves rules paths against the file', () => {
    const p = file(
      'ok.yaml',
      ['sources:', '  - name: payroll', '    department: Finance', '    url: postgres://ro:${PAYROLL_PW}@db/payroll', 'scan:', '  sampleRows: 500', '  rules: [./city-rules]'].join('\n'),
    );
    const cfg = loadConfig(p, { PAYROLL_PW: 'pw' });
    expect(cfg.sources).toEqual([{ name: 'payroll', department: 'Finance', url: 'postgres://ro:pw@db/payroll' }]);
    expect(cfg.scan.sampleRows).toBe(500);
    expect(cfg.scan.rules).toEqual([join(dir, 'city-rules')]);
  });
  it('names a missing variable, the key and the file, in one line', () => {
    const p = file('env.yaml', 'sources:\n  - name: a\n    url: postgres://u:${NOPE}@h/d\n');
    const e = errorOf(() => loadConfig(p, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('${NOPE}');
    expect(e.message).toContain('source 1 (a) url');
    expect(e.message.split('\n')).toHaveLength(1);
  });
  it('rejects unknown keys, bad types, duplicate names and bad YAML with the path', () => {
    expect(errorOf(() => loadConfig(file('k.yaml', 'scan:\n  sampelRows: 5\n'), {})).message).toMatch(/k\.yaml: scan has an unknown key sampelRows/);
    expect(errorOf(() => loadConfig(file('t.yaml', 'scan:\n  sampleRows: many\n'), {})).message).toMatch(/scan\.sampleRows/);
    expect(errorOf(() => loadConfig(file('d.yaml', 'sources:\n  - {name: a, url: "pglite:x"}\n  - {name: a, url: "pglite:y"}\n'), {})).message).toMatch(/source 2 is named a, like an earlier one/);
    expect(errorOf(() => loadConfig(file('y.yaml', 'sources: [\n'), {})).code).toBe('CONFIG_INVALID');
    expect(errorOf(() => loadConfig(join(dir, 'missing.yaml'), {})).code).toBe('FILE_NOT_FOUND');
  });
});

describe('sources from arguments', () => {
  it('takes NAME=URL, else names a source after its database', () => {
    expect(sourceFromArg('courts=mysql://u@h/courts_db', 0)).toEqual({ name: 'courts', url: 'mysql://u@h/courts_db' });
    expect(sourceFromArg('postgres://u@h:5432/payroll', 0).name).toBe('payroll');
    expect(sourceFromArg('mysql://u@db.city.gov:3306/', 0).name).toBe('db_city_gov');
    expect(sourceFromArg('pglite:/var/lib/city/', 2).name).toBe('city');
  });
  it('knows each scheme and rejects anything else in one line', () => {
    expect(dialectOf('postgresql://h/d', 's')).toBe('postgres');
    expect(dialectOf('mariadb://h/', 's')).toBe('mysql');
    expect(dialectOf('sqlserver://h/d', 's')).toBe('mssql');
    expect(dialectOf('pglite:./x', 's')).toBe('pglite');
    expect(errorOf(() => dialectOf('oracle://u:pw@h/d', 's')).message).not.toContain('pw@');
  });
});

describe('URL redaction', () => {
  it('never shows a password, in URLs or query parameters, parseable or not', () => {
    expect(redactUrl('postgres://u:s3cr%3Et@h/d')).toBe('postgres://u:***@h/d');
    expect(redactUrl('mssql://u@h/d?password=s3cret&encrypt=false')).not.toContain('s3cret');
    expect(redactUrl('postgres://u:s3cret@[bad')).not.toContain('s3cret');
    expect(secretsOf('postgres://u:s3cr%3Et@h/d')).toEqual(expect.arrayContaining(['s3cr%3Et', 's3cr>t']));
  });
});

describe('table filters', () => {
  it('matches schema.table globs; a bare pattern matches the table in any schema', () => {
    const f = tableFilter(['payroll.*', 'notes'], ['*.audit_*']);
    expect(f('payroll', 'employees')).toBe(true);
    expect(f('payroll', 'audit_log')).toBe(false);
    expect(f('call_center', 'notes')).toBe(true);
    expect(f('call_center', 'requests')).toBe(false);
    expect(tableFilter()('any', 'thing')).toBe(true);
  });
});
