/** The README's suites × engines table, rendered from a recorded run (test/helpers/suites-reporter.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../bench/figures.js';
import { suitesMarkdown, type SuitesRecord } from '../helpers/suites-reporter.js';

describe('suites × engines record', () => {
  it('renders one row per capability, one column per engine seen, skip reasons as numbered notes', () => {
    const record: SuitesRecord = {
      suites: {
        faults: {
          postgres: { status: 'ran', passed: 6, failed: 0, files: ['test/integration/faults.test.ts'] },
          mssql: { status: 'skipped', passed: 0, failed: 0, skip: 'mssql: no MINIM_TEST_MSSQL_URL | no Docker', files: ['test/integration/faults.test.ts'] },
        },
        migrate: {
          postgres: { status: 'ran', passed: 2, failed: 1, files: ['test/integration/migrate.test.ts'] },
          mysql: { status: 'ran', passed: 3, failed: 0, files: ['test/integration/migrate.test.ts'] },
          mssql: { status: 'skipped', passed: 0, failed: 0, skip: 'mssql: no MINIM_TEST_MSSQL_URL | no Docker', files: ['test/integration/migrate.test.ts'] },
        },
      },
    };
    expect(suitesMarkdown(record).split('\n')).toEqual([
      '| suite | PostgreSQL | MariaDB | SQL Server |',
      '|---|---|---|---|',
      '| faults | ran: 6 passed | not declared | skipped [1] |',
      '| migrate | ran: 2 passed, **1 failed** | ran: 3 passed | skipped [1] |',
      '',
      '[1] mssql: no MINIM_TEST_MSSQL_URL \\| no Docker',
    ]);
  });

  it('the committed record declares every capability suite for SQL Server', () => {
    const file = JSON.parse(readFileSync(join(repoRoot(), 'docs', 'figures.json'), 'utf8')) as { sections: Record<string, { data: SuitesRecord }> };
    const suites = file.sections['tests.engines']!.data.suites;
    for (const capability of ['migrate', 'label --apply', 'access need-to-know', 'access revoke workflow', 'hostile names', 'no leak', 'read-only scan', 'faults', 'seeded samples', 'scan (demo city)']) {
      expect(suites[capability], capability).toBeDefined();
      expect(suites[capability]!.mssql, `${capability} on SQL Server`).toBeDefined();
      expect(suites[capability]!.postgres?.status, `${capability} on PostgreSQL`).toBe('ran');
      expect(suites[capability]!.mysql?.status, `${capability} on MariaDB`).toBe('ran');
    }
  });
});
