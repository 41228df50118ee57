/** The access review (DESIGN.md "Access review JSON"): who can read each sensitive column, and how. */
import type { Dialect } from '../types.js';

export type ReaderKind = 'role' | 'user' | 'public';

export interface AccessReader {
  /** Role, user (`'name'@'host'` on MySQL) or `PUBLIC`. */
  readonly principal: string;
  /** How: a readable chain, e.g. `role membership: clerk311 → staff311 (SELECT on table)`. */
  readonly via: string;
  readonly kind: ReaderKind;
  /** Reads because it bypasses permission checks (superuser, sysadmin, db_owner): listed, not flagged. */
  readonly superuser?: boolean;
  /** Can log in (PostgreSQL rolcanlogin, a MariaDB/MySQL account, a SQL Server user); absent for PUBLIC. */
  readonly login?: boolean;
  /** The roles it is a member of (directly or through others), each as its chain from the reader. */
  readonly memberOf?: string[][];
  /** Reads only after SET ROLE (a NOINHERIT member, PostgreSQL): a reader all the same. */
  readonly setRole?: boolean;
  /** Reads only through the PUBLIC grant: listed (a login counts), grouped under PUBLIC in human-readable output. */
  readonly viaPublic?: boolean;
  /** Every grant this reader reaches the column through (the first is the one `via` explains). */
  readonly paths?: ReaderPath[];
  /** Judged against the access policy (absent when no policy was applied). */
  readonly verdict?: ReaderVerdict;
  /** For `allowed`: the policy rule, e.g. `ssn.departments.svc311`, and the allowed role matched. */
  readonly rule?: string;
  readonly allowedAs?: string;
}

export type ReaderVerdict = 'allowed' | 'UNAUTHORIZED' | 'superuser' | 'owner';

/** What a grant is on. `view` and `function` reach the column through an object over it. */
export type GrantObject = 'column' | 'table' | 'view' | 'function' | 'schema' | 'database' | 'global' | 'owner' | 'reads-all';

/** One way a reader reaches a column: a membership chain to a grantee holding one grant. */
export interface ReaderPath {
  /** Principal names from the reader to the grantee, e.g. `["clerk", "staff"]`; `PUBLIC` last for PUBLIC. */
  readonly chain: string[];
  /** The grantee as the engine names it: `[role]` (PostgreSQL, MariaDB role), `[user, host]` (MySQL account), `["PUBLIC"]`. */
  readonly grantee: string[];
  readonly object: GrantObject;
  /** The object granted on: table or view (`schema`, `name`), column grants also `column`; function `name` is its signature. */
  readonly on?: { readonly schema: string; readonly name: string; readonly column?: string };
  /** The grant in words: `SELECT on column`, `SELECT on view s.v`. */
  readonly what: string;
}

/** A row-level security policy on the column's table (PostgreSQL): shown where it narrows access. */
export interface RowPolicy {
  readonly name: string;
  readonly roles: string[];
  readonly command: string;
  readonly permissive: boolean;
  readonly using: string | null;
}

export interface RowSecurity {
  readonly enabled: boolean;
  readonly forced: boolean;
  readonly policies: RowPolicy[];
}

/** Distinct login principals that can read a column, by verdict (superusers and owners apart). */
export interface LoginCounts {
  readonly total: number;
  readonly allowed: number;
  readonly unauthorized: number;
  readonly superusers: number;
  readonly owners: number;
}

export type AccessFlag = 'PUBLIC' | 'BROAD';

export interface AccessColumn {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly categories: string[];
  readonly readers: AccessReader[];
  readonly flags: AccessFlag[];
  /** Row-level security on the table, when the engine has it and it is enabled or has policies. */
  readonly rowSecurity?: RowSecurity;
  /** The department the policy matched (department, source or schema), when a policy was applied. */
  readonly department?: string;
  /** Login counts by verdict, when a policy was applied. */
  readonly logins?: LoginCounts;
  /** The audit's sentence: `svc311.request.notes (ssn): 27 logins can read it, 2 allowed, 25 unauthorized`. */
  readonly sentence?: string;
}

export interface AccessReview {
  readonly version: 1;
  /** The engine the grants were read from (revocation SQL is written for it). */
  readonly dialect?: Dialect;
  readonly columns: AccessColumn[];
  /** The access policy file the readers were judged against, when one was. */
  readonly policy?: string;
  /** Per department (the policy's match, else the source): distinct logins by verdict over its judged columns. */
  readonly departments?: Array<{ readonly department: string; readonly columns: number; readonly logins: LoginCounts }>;
}

/** A column to look up, as the scan names it. */
export interface ColumnRef {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** Key of a column within one source. */
export function refKey(r: ColumnRef): string {
  return JSON.stringify([r.schema, r.table, r.column]);
}
