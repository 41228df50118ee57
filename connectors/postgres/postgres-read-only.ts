/** Wraps one statement in a read-only transaction with statement and lock timeouts, sent in one round trip. */
import type { PostgresTransport, ScriptSettings } from './postgres-transport.js';
import { sqlInt } from './postgres-quote.js';

/** Statements a read-only script sends besides the one it wraps. */
export const READ_ONLY_PREAMBLE_STATEMENTS = 1;

/** How every read-only script begins: the transaction is made read-only before anything else runs. */
export const READ_ONLY_SCRIPT_START = "SELECT set_config('transaction_read_only', 'on', true)";

/**
 * `SELECT set_config('transaction_read_only', 'on', true), set_config(…, true)…; <statement>` as one
 * simple-protocol message: ONE preamble statement. A multi-statement message is one implicit
 * transaction, so the settings are local to it, the transaction ends (and rolls back on error) with
 * the message, and the session is left clean. Setting `transaction_read_only` locally is what
 * `SET TRANSACTION READ ONLY` does (the server allows it at any point of a transaction; only the way
 * back to read-write must come first), so folding it into the set_config statement keeps the
 * guarantee with one statement less per sample.
 * NOTE: PostgreSQL 13+ times each statement of such a message separately, so the
 * statement_timeout set by the preamble applies to `statement`; before 13 it applied to the whole
 * message with the session's value. idle_in_transaction_session_timeout is not needed: the
 * transaction never waits on the client.
 */
export function readOnlyScript(statement: string, settings: ScriptSettings): string {
  return (
    `${READ_ONLY_SCRIPT_START}, ` +
    `set_config('statement_timeout', '${sqlInt(Math.round(settings.statementTimeoutMs))}', true), ` +
    `set_config('lock_timeout', '${sqlInt(Math.round(settings.lockTimeoutMs))}', true), ` +
    // NOTE: a SQL_ASCII database holds any bytes, and PostgreSQL validates them on the way out to a
    // UTF8 client (SQLSTATE 22021). Asking for SQL_ASCII too passes them as they are; the driver then
    // decodes invalid sequences as U+FFFD. Other databases keep the client encoding they have.
    "set_config('client_encoding', CASE WHEN current_setting('server_encoding') = 'SQL_ASCII' THEN 'SQL_ASCII' ELSE current_setting('client_encoding') END, true)" +
    (settings.seed === undefined ? '' : `, setseed(${(Number(sqlInt(settings.seed)) / 2147483648).toFixed(10)})`) +
    (settings.jit === false ? ", set_config('jit', 'off', true)" : '') +
    '; ' +
    statement
  );
}

/** Runs `statement` read-only with `settings` (timeouts, seed, JIT); returns its rows as arrays. */
export async function runReadOnly(
  transport: PostgresTransport,
  statement: string,
  settings: ScriptSettings,
): Promise<unknown[][]> {
  const results = await transport.script(readOnlyScript(statement, settings));
  return results[results.length - 1] ?? [];
}
