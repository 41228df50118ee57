/** What a history store's kysely dialect opener returns (connectors/history-dialect.ts). */
import type { Dialect } from 'kysely';

export interface HistoryDialect {
  readonly dialect: Dialect;
  /** Human-readable location, password redacted. */
  readonly where: string;
}
