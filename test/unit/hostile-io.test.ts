/** Hostile input and output helpers without a database: the one escape, the one server-text sanitizer, URL splitting, zod wording, masking. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maskExample as maskWith } from '../../src/classify/examples.js';
import { interpolate } from '../../src/config.js';
import { zodMessage } from '../../src/plan/zod-message.js';
import { loadRules } from '../../src/rules/load.js';
import { maskServerMessage, maskValue } from '../../src/util/mask.js';
import { guardedSink, safeText } from '../../src/util/text.js';
import { normalizeServerUrl, parseServerUrl, redactUrl, secretsOf } from '../../src/util/url.js';

const PASSWORD = 'Kx9!Tz@4#q/Lm:P%wV';

describe('safeText (the output boundary)', () => {
  it('shows control characters, bidi overrides and line separators as escapes', () => {
    expect(safeText('a\u001b[31mb\u0007\n\r\t\u007f\u202e\u2028')).toBe('a\\x1b[31mb\\x07\\n\\r\\t\\x7f\\u202e\\u2028');
    expect(safeText('plain — ünïcode')).toBe('plain — ünïcode');
  });
  it('guarded sinks keep line structure and escape the rest', () => {
    let out = '';
    const sink = guardedSink({ write: (s: string) => (out += s), isTTY: true });
    sink.write('one\u001b]0;title\u0007\ntwo\r\n');
    expect(out).toBe('one\\x1b]0;title\\x07\ntwo\\r\n');
    expect(sink.isTTY).toBe(true);
  });
});

describe('maskServerMessage (every engine, every output)', () => {
  it('masks every digit, emails, quoted values and names from the data; keeps known object names', () => {
    expect(maskServerMessage('invalid SSN 118-53-4271 for Maria Quill <mara.quill@example.org>')).toBe('invalid SSN ###-##-#### for … … <***@***>');
    expect(maskServerMessage(`Duplicate entry 'mara@example.org' for key 'email'`)).toBe(`Duplicate entry '…' for key '…'`);
    expect(maskServerMessage('relation "hr.t2024" does not exist', ['src', 'hr.t2024'])).toBe('relation "hr.t2024" does not exist');
    expect(maskServerMessage('permission denied for table t2024', ['src', 'hr.t2024'])).toBe('permission denied for table t2024');
    expect(maskServerMessage('bad\nline\u001b[2J')).toBe('bad line [#J');
  });
});

describe('connection URLs with raw passwords', () => {
  const raw = `postgres://app:${PASSWORD}@db.example:5432/hr`;
  it('split at the last @: the host is the host, the password whole', () => {
    const u = parseServerUrl(raw, 's');
    expect(u.hostname).toBe('db.example');
    expect(decodeURIComponent(u.password)).toBe(PASSWORD);
    expect(normalizeServerUrl(raw)).toBe(`postgres://app:${encodeURIComponent(PASSWORD)}@db.example:5432/hr`);
    expect(redactUrl(raw)).toBe('postgres://app:***@db.example:5432/hr');
    expect(secretsOf(raw)).toContain(PASSWORD);
    expect(normalizeServerUrl('postgres://u:s3cr%3Et@h/d')).toBe('postgres://u:s3cr%3Et@h/d');
  });
  it('an unparseable URL is named, never echoed', () => {
    const bad = raw.replace(':5432', ':port');
    expect(() => parseServerUrl(bad, 's')).toThrow(/^source s: the connection URL cannot be parsed \(not shown/);
    expect(redactUrl(bad)).toBe('postgres://(unparseable URL)');
  });
  it('${ENV} in the userinfo is inserted percent-encoded; a whole-URL variable as it is', () => {
    expect(interpolate('postgres://app:${PW}@h/db', { PW: PASSWORD }, 'x')).toBe(`postgres://app:${encodeURIComponent(PASSWORD)}@h/db`);
    expect(interpolate('${URL}', { URL: 'postgres://a:b@c/d' }, 'x')).toBe('postgres://a:b@c/d');
  });
});

describe('zod errors in the user’s words', () => {
  const schema = z.object({ sources: z.array(z.object({ name: z.string(), url: z.string().min(1) }).strict()), scan: z.object({ sampleRows: z.number().max(10).optional() }).strict().optional() }).strict();
  const message = (raw: unknown) => zodMessage(schema.safeParse(raw).error!, raw);
  it('says which entry lacks what, never the value', () => {
    expect(message({ sources: [{ name: 'a' }] })).toBe('source 1 has no url');
    expect(message({ sources: [{ name: 'a', url: 5 }] })).toBe('source 1 url should be text, not a whole number');
    expect(message({ sources: [], scan: { sampleRows: 99 } })).toBe('scan.sampleRows must be at most 10');
    expect(message({ sources: [], scan: { sampelRows: 1 } })).toBe('scan has an unknown key sampelRows (a typo?)');
  });
});

describe('masked examples', () => {
  // Each category names its mask in rules/categories.yaml.
  const maskExample = (category: string, raw: string) => maskWith(loadRules().categories.get(category)!.mask, raw);
  it('keep no initials, no word lengths, nothing of a health value but its shape, at most the last 4 digits', () => {
    expect(maskExample('person_name', 'Maria Quill')).toBe('*** ***');
    expect(maskExample('address', '1402 Elm Street')).toBe('**** *** ***');
    expect(maskExample('medical', 'PTSD — anxiety linked episodes')).toBe('[text]');
    expect(maskExample('medical', 'F43.1')).toBe('[code]');
    expect(maskExample('ssn', '118-53-4271')).toBe('***-**-4271');
    expect(maskValue('card ending 4539 for John')).toBe('*** *** **** *** ***');
    expect(maskValue('12345678X')).toBe('*********');
  });
});
