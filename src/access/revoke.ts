/**
 * Revoking the rest: for each UNAUTHORIZED reader's path, the REVOKE of the grant it ends in
 * (column, table or view grant; never a role or a membership), refused and named when it would
 * leave an allowed reader without a path; applied through a connector and verified by re-reading
 * the catalog (and, where the engine answers it, `has_column_privilege`).
 */
import { grantsDialect } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import type { Dialect } from '../types.js';
import { judgeColumn } from './judge.js';
import type { AccessPolicy } from './policy.js';
import type { AccessColumn, AccessReview, GrantObject, ReaderPath } from './types.js';

export interface RevocationColumn {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

export interface Revocation {
  /** The first column it protects (`columns` lists all: one table grant can reach several). */
  readonly column: RevocationColumn;
  readonly columns: RevocationColumn[];
  /** The grantee losing the grant: role, `'user'@'host'`, or PUBLIC. */
  readonly principal: string;
  readonly object: GrantObject;
  /** The path's grant (grantee as the engine names it, object, what). */
  readonly path: ReaderPath;
  /** The REVOKE, identifiers quoted by construction; absent when refused. */
  readonly statementSql?: string;
  readonly reason: string;
  /** The UNAUTHORIZED readers reaching a protected column through this grant. */
  readonly readers: string[];
  /** Why it is not proposed: it would cut an allowed reader's last path (named), or the engine cannot take it back alone. */
  readonly refused?: string;
}

/** One grant, however it was reached: a grant on a view is the same whether the view is read as itself or over its table. */
export const grantKey = (p: ReaderPath) => JSON.stringify([p.grantee, p.object === 'view' ? 'table' : p.object, p.on ?? null]);
const colOf = (c: AccessColumn): RevocationColumn => ({ source: c.source, schema: c.schema, table: c.table, column: c.column });

/**
 * The revocations a judged review calls for, one per distinct grant, sorted by statement.
 * `policy` judges columns the review has not judged (department keys: source and schema).
 */
export function proposeRevocations(review: AccessReview, policy?: AccessPolicy, dialect: Dialect | undefined = review.dialect): Revocation[] {
  if (!dialect) throw new MinimError('USAGE', 'the access review names no engine (dialect); re-run minim access to produce it');
  const grants = grantsDialect(dialect);
  const columns = review.columns.map((c) => (policy && !c.logins ? judgeColumn(c, policy, [c.source, c.schema]) : c));
  const found = new Map<string, { path: ReaderPath; columns: RevocationColumn[]; readers: Set<string> }>();
  for (const c of columns) {
    for (const r of c.readers) {
      if (r.verdict !== 'UNAUTHORIZED') continue;
      for (const p of r.paths ?? []) {
        const k = grantKey(p);
        const cur = found.get(k) ?? { path: p, columns: [], readers: new Set<string>() };
        if (!cur.columns.some((x) => x.column === c.column && x.table === c.table && x.schema === c.schema)) cur.columns.push(colOf(c));
        cur.readers.add(r.principal);
        found.set(k, cur);
      }
    }
  }
  // An allowed reader left with no path outside the proposed set would lose access: refuse every
  // proposal on its paths and name it.
  const cuttable = new Set([...found].filter(([, f]) => !grants.revokeSql(f.path).startsWith('refused:')).map(([k]) => k));
  const refusedBy = new Map<string, string>();
  for (const c of columns) {
    for (const r of c.readers) {
      if (r.verdict !== 'allowed') continue;
      const paths = r.paths ?? [];
      if (paths.some((p) => !cuttable.has(grantKey(p)))) continue;
      for (const p of paths) {
        if (cuttable.has(grantKey(p)) && !refusedBy.has(grantKey(p))) {
          refusedBy.set(grantKey(p), `refused: would cut allowed reader ${r.principal}'s path ${p.chain.join(' → ')} (${p.what}) on ${c.schema}.${c.table}.${c.column}`);
        }
      }
    }
  }
  const out: Revocation[] = [];
  for (const [k, f] of found) {
    const sql = grants.revokeSql(f.path);
    const refused = refusedBy.get(k) ?? (sql.startsWith('refused:') ? sql : undefined);
    const principal = f.path.chain[f.path.chain.length - 1]!;
    const readers = [...f.readers].sort();
    const scope = f.path.object === 'table' ? ' (it loses SELECT on the whole table: grant back the columns it needs)' : '';
    out.push({
      column: f.columns[0]!,
      columns: f.columns,
      principal,
      object: f.path.object,
      path: f.path,
      ...(refused ? { refused } : { statementSql: sql }),
      reason: `${readers.length} unauthorized reader${readers.length === 1 ? '' : 's'} (${readers.join(', ')}) read ${f.columns.map((x) => `${x.schema}.${x.table}.${x.column}`).join(', ')} through ${principal}'s ${f.path.what}${scope}`,
      readers,
    });
  }
  return out.sort((a, b) => cmp(a.statementSql ?? '~' + a.principal, b.statementSql ?? '~' + b.principal));
}

/** Runs one proposed REVOKE; a refused one is a USAGE error naming why. */
export async function applyRevocation(connector: Connector, revocation: Revocation): Promise<void> {
  if (revocation.refused || !revocation.statementSql) {
    throw new MinimError('USAGE', `revocation of ${revocation.path.what} from ${revocation.principal}: ${revocation.refused ?? 'no statement'}`);
  }
  const sql = revocation.statementSql;
  await connector.transaction(async (s) => {
    await s.query(sql);
  });
}

export interface RevocationCheck {
  /** The grantee no longer holds the grant (re-read from the catalog). */
  readonly ok: boolean;
  readonly stillGranted: boolean;
  /** Readers the revocation aimed at that the engine says can still read a protected column (other paths); absent where the engine has no such question. */
  readonly stillReading?: string[];
}

/** Re-reads the privileges after `applyRevocation`. */
export async function verifyRevocation(connector: Connector, revocation: Revocation): Promise<RevocationCheck> {
  const grants = grantsDialect(connector.dialect);
  const stillGranted = await grants.stillGranted(connector, revocation.path);
  if (!grants.canRead) return { ok: !stillGranted, stillGranted };
  const stillReading: string[] = [];
  for (const reader of revocation.readers) {
    if (reader === 'PUBLIC') continue;
    for (const c of revocation.columns) {
      if (await grants.canRead(connector, reader, c)) {
        stillReading.push(reader);
        break;
      }
    }
  }
  return { ok: !stillGranted, stillGranted, stillReading };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
