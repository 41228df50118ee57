/** A MariaDB view whose base table was dropped lists no columns: the scan reports it in `errors`, never drops it silently. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const found = await getEngine('mysql');
if (found.skip) console.warn(`scan-broken-view skipped: ${found.skip}`);

describe.skipIf(!found.engine)('a broken view on MariaDB/MySQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'broken_view');
    await db.exec([
      'CREATE TABLE base (id int PRIMARY KEY, ssn varchar(11))',
      'CREATE TABLE kept (id int PRIMARY KEY, note varchar(40))',
      "INSERT INTO kept VALUES (1, 'fine')",
      'CREATE VIEW v_base AS SELECT id, ssn FROM base',
      'DROP TABLE base',
    ]);
  });
  afterAll(async () => db?.drop());

  it('is an OBJECT_NOT_FOUND entry in errors and the other tables are scanned', async () => {
    const result = await scan({ sources: [{ name: 'app', url: db.url }] });
    const err = result.errors.find((e) => e.table === `${db.name}.v_base`);
    expect(err?.code).toBe('OBJECT_NOT_FOUND');
    expect(err?.message).toMatch(/lists no columns/);
    expect(result.columns.some((c) => c.table === 'kept' && c.column === 'note')).toBe(true);
  });
});
