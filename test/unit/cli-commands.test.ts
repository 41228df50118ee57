/** The command table and the reporter registry: what --help promises is what the commands do. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, buildProgram } from '../../src/cli/program.js';
import * as defaults from '../../src/cli/defaults.js';
import { DEFAULT_CONFIG_FILE } from '../../src/config.js';
import { DEFAULT_CHECK_SEED, DEFAULT_MARGIN } from '../../src/check/gate.js';
import { DEFAULT_MAX_READERS } from '../../src/access/review.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/plan/decide.js';
import { DEFAULT_IGNORE_FILE } from '../../src/check/ignore.js';
import { DEFAULT_BATCH_SIZE } from '../../src/migrate/migrate.js';
import { ACCESS_REPORTERS, CHECK_REPORTERS, REPORTERS, SCAN_FORMATS, formatOfFile } from '../../src/report/reporters.js';
import { ACCESS_FORMATS, CHECK_FORMATS, REPORT_FORMATS } from '../../src/report/formats.js';
import { capturedContext } from '../helpers/cli.js';
import { fixtureScan } from './report-fixture.js';

describe('command table', () => {
  it('names in --help the defaults the commands use', () => {
    expect({ ...defaults }).toEqual({
      CONFIG_FILE: DEFAULT_CONFIG_FILE,
      CHECK_SEED: DEFAULT_CHECK_SEED,
      CHECK_MARGIN: DEFAULT_MARGIN,
      MAX_READERS: DEFAULT_MAX_READERS,
      MIN_CONFIDENCE: DEFAULT_MIN_CONFIDENCE,
      IGNORE_FILE: DEFAULT_IGNORE_FILE,
      BATCH_SIZE: DEFAULT_BATCH_SIZE,
    });
  });

  it('registers every command of the table, each with an action or subcommands', () => {
    const program = buildProgram(capturedContext().ctx);
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    for (const spec of COMMANDS) expect(Boolean(spec.run) !== Boolean(spec.commands?.length)).toBe(true);
    expect(program.commands.find((c) => c.name() === 'steward')!.commands.map((c) => c.name())).toEqual(['init', 'show', 'seal']);
  });

  it('offers on the command line exactly the formats the registry renders', () => {
    const program = buildProgram(capturedContext().ctx);
    const choices = (cmd: string) => program.commands.find((c) => c.name() === cmd)!.options.find((o) => o.long === '--format')!.argChoices;
    expect(choices('scan')).toEqual(Object.keys(REPORTERS));
    expect(choices('check')).toEqual(Object.keys(CHECK_REPORTERS));
    expect(choices('access')).toEqual(Object.keys(ACCESS_REPORTERS));
    expect(choices('report')).toEqual([...REPORT_FORMATS]);
    expect([...CHECK_FORMATS, ...ACCESS_FORMATS].every((f) => (SCAN_FORMATS as readonly string[]).includes(f))).toBe(true);
    for (const f of REPORT_FORMATS) expect(REPORTERS[f].exposure).toBeTypeOf('function');
  });
});

describe('reporter registry', () => {
  it('streams the same bytes it renders', () => {
    const scan = fixtureScan();
    for (const f of SCAN_FORMATS) {
      const r = REPORTERS[f];
      if (r.stream) expect([...r.stream(scan, {})].join('')).toBe(r.render(scan, {}));
    }
  });

  it('gives each format its own extension and media type', () => {
    const extensions = SCAN_FORMATS.map((f) => REPORTERS[f].extension);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const f of SCAN_FORMATS) expect(REPORTERS[f].mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    expect(formatOfFile('out/scan.ndjson', ['ndjson'])).toBe('ndjson');
    expect(formatOfFile('out/scan.json', ['ndjson'])).toBeUndefined();
    expect(formatOfFile('report.html', ['html'])).toBe('html');
    expect(formatOfFile(undefined, ['html'])).toBeUndefined();
  });
});
