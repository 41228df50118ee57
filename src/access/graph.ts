/**
 * The engine-neutral privilege graph: principals, role memberships, and the grants that let a
 * principal read one column. Each engine's introspector fills it from its catalog; `readers`
 * decides who can read and explains how, as the shortest membership chain to a grant.
 */
import type { AccessReader, GrantObject, ReaderPath } from './types.js';

/** The grantee id standing for everyone (PostgreSQL PUBLIC, SQL Server `public`, MariaDB PUBLIC). */
export const PUBLIC_ID = '\u0000PUBLIC';

export interface Principal {
  readonly id: string;
  /** Display name: `clerk311`, `'app'@'%'`. */
  readonly name: string;
  readonly kind: 'user' | 'role';
  /** Bypasses permission checks: the reason, e.g. `superuser`, `sysadmin`. */
  readonly superuser?: string;
  /** How the engine names it in a GRANT/REVOKE: `[role]` or `[user, host]`; default `[name]`. */
  readonly ref?: readonly string[];
}

export interface Membership {
  readonly member: string;
  readonly role: string;
  /** Whether the member uses the role's privileges (PostgreSQL INHERIT; always true elsewhere). */
  readonly inherit: boolean;
}

/** One grant relevant to a column: `grantee` may be PUBLIC_ID. */
export interface Grant {
  readonly grantee: string;
  /** What it is, for the explanation: `SELECT on table`, `owner of table`. */
  readonly what: string;
  /** Lower wins when two grants are reached by equally short chains (table before column). */
  readonly rank?: number;
  /** SQL Server: where a DENY sits (`column` denies beat a column grant; a column grant beats a table deny). */
  readonly level?: 'column' | 'table' | 'schema' | 'database';
  /** What the grant is on, for the reader's paths and revocation; absent reads as `table`. */
  readonly object?: GrantObject;
  readonly on?: ReaderPath['on'];
  /** Grants of which one is needed with this one, in place of the column's gate (a view in another schema). */
  readonly gate?: readonly Grant[];
}

export interface ColumnAccess {
  /** Grants giving SELECT on the column (any one suffices). */
  readonly select: readonly Grant[];
  /** Grants of which one is also needed (PostgreSQL schema USAGE); absent when none is. */
  readonly gate?: readonly Grant[];
  /** DENYs (SQL Server): a principal reaching one cannot read, unless it bypasses checks. */
  readonly deny?: readonly Grant[];
}

export class PrivilegeGraph {
  readonly #principals: readonly Principal[];
  readonly #edges = new Map<string, string[]>();
  /** Every membership, inheriting or not: what SET ROLE can reach (PostgreSQL NOINHERIT members). */
  readonly #setEdges = new Map<string, string[]>();
  readonly #reach = new Map<string, Map<string, string[]>>();
  readonly #setReach = new Map<string, Map<string, string[]>>();
  readonly #byId = new Map<string, Principal>();
  readonly #memberOfCache = new Map<string, { memberOf?: string[][] }>();

  constructor(principals: readonly Principal[], memberships: readonly Membership[]) {
    this.#principals = [...principals].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of this.#principals) this.#byId.set(p.id, p);
    for (const m of memberships) {
      this.#setEdges.set(m.member, [...(this.#setEdges.get(m.member) ?? []), m.role]);
      if (!m.inherit) continue;
      this.#edges.set(m.member, [...(this.#edges.get(m.member) ?? []), m.role]);
    }
    for (const list of [...this.#edges.values(), ...this.#setEdges.values()]) list.sort();
  }

  get principals(): readonly Principal[] {
    return this.#principals;
  }

  /** Every role whose privileges `id` uses, with the shortest chain to it (BFS, deterministic). */
  reach(id: string, setRole = false): Map<string, string[]> {
    const cache = setRole ? this.#setReach : this.#reach;
    const edges = setRole ? this.#setEdges : this.#edges;
    let r = cache.get(id);
    if (r) return r;
    r = new Map([[id, [id]]]);
    const queue = [id];
    while (queue.length > 0) {
      const cur = queue.shift()!;
      for (const next of edges.get(cur) ?? []) {
        if (r.has(next)) continue;
        r.set(next, [...r.get(cur)!, next]);
        queue.push(next);
      }
    }
    r.set(PUBLIC_ID, [id, PUBLIC_ID]);
    cache.set(id, r);
    return r;
  }

  /** Everyone who can read a column with these grants, each with how. PUBLIC first, then by name. */
  readers(access: ColumnAccess): AccessReader[] {
    const out: AccessReader[] = [];
    const everyone = new Map([[PUBLIC_ID, [PUBLIC_ID]]]);
    const pubUsable = access.select.filter((g) => {
      const gate = g.gate ?? access.gate;
      return !gate || best(everyone, gate) !== undefined;
    });
    const pub = best(everyone, pubUsable);
    const publicReads = Boolean(pub && !denied(everyone, access));
    // Principals that read only through PUBLIC stay listed (they count as logins), marked viaPublic;
    // human-readable output groups them under the one PUBLIC entry.
    let viaPublic = 0;
    if (publicReads) {
      out.push({ principal: 'PUBLIC', kind: 'public', via: `PUBLIC (${pub!.grant.what})`, paths: pubUsable.filter((g) => g.grantee === PUBLIC_ID).map((g) => this.#path([PUBLIC_ID], g)) });
    }
    for (const p of this.#principals) {
      if (p.superuser) {
        out.push({ principal: p.name, kind: p.kind, via: p.superuser, superuser: true });
        continue;
      }
      // Privileges used directly (inherited); failing that, those a SET ROLE to a role it is a
      // member of (NOINHERIT) gives: it can read, after one statement.
      for (const setRole of [false, true]) {
        const reach = this.reach(p.id, setRole);
        const usable = access.select.filter((g) => {
          const gate = g.gate ?? access.gate;
          return !gate || best(reach, gate) !== undefined;
        });
        const hit = best(reach, usable);
        if (!hit || denied(reach, access)) continue;
        // Every other way in, SET ROLE included: a revocation has to cut them all.
        const all = this.reach(p.id, true);
        const paths = access.select
          .filter((g) => g !== hit.grant && all.has(g.grantee) && (!(g.gate ?? access.gate) || best(all, (g.gate ?? access.gate)!) !== undefined))
          .map((g) => this.#path(all.get(g.grantee)!, g));
        const via = this.#explain(hit.path, hit.grant);
        const onlyPublic = publicReads && !setRole && hit.grant.grantee === PUBLIC_ID;
        if (onlyPublic) viaPublic++;
        out.push({
          principal: p.name, kind: p.kind, via: setRole ? `after SET ROLE: ${via}` : via, login: p.kind === 'user',
          ...(setRole ? { setRole: true } : {}),
          ...(onlyPublic ? { viaPublic: true } : {}),
          paths: [this.#path(hit.path, hit.grant), ...paths],
          ...this.#memberOf(p.id),
        });
        break;
      }
    }
    if (publicReads && viaPublic > 0) {
      out[0] = { ...out[0]!, via: `${out[0]!.via}: every role and user, ${viaPublic} of them with no grant of their own` };
    }
    return out;
  }

  /** The roles `id` is a member of (directly or not, inheriting or not), each with its chain. */
  #memberOf(id: string): { memberOf?: string[][] } {
    let m = this.#memberOfCache.get(id);
    if (m) return m;
    const chains = [...this.reach(id, true).entries()]
      .filter(([role]) => role !== id && role !== PUBLIC_ID)
      .map(([, path]) => path.map((x) => this.#byId.get(x)?.name ?? x));
    m = chains.length > 0 ? { memberOf: chains } : {};
    this.#memberOfCache.set(id, m);
    return m;
  }

  #path(path: string[], grant: Grant): ReaderPath {
    const names = path.map((id) => (id === PUBLIC_ID ? 'PUBLIC' : (this.#byId.get(id)?.name ?? id)));
    const target = grant.grantee === PUBLIC_ID ? undefined : this.#byId.get(grant.grantee);
    return {
      chain: names,
      grantee: grant.grantee === PUBLIC_ID ? ['PUBLIC'] : [...(target?.ref ?? [target?.name ?? grant.grantee])],
      object: grant.object ?? (grant.what.startsWith('owner') ? 'owner' : 'table'),
      ...(grant.on ? { on: grant.on } : {}),
      what: grant.what,
    };
  }

  #explain(path: string[], grant: Grant): string {
    if (grant.grantee === PUBLIC_ID) return `PUBLIC (${grant.what})`;
    if (path.length === 1) return /^(owner|reads all)/.test(grant.what) ? grant.what : `direct grant (${grant.what})`;
    const names = path.map((id) => this.#byId.get(id)?.name ?? id);
    return `role membership: ${names.join(' → ')} (${grant.what})`;
  }
}

function best(reach: Map<string, string[]>, grants: readonly Grant[]): { path: string[]; grant: Grant } | undefined {
  let found: { path: string[]; grant: Grant } | undefined;
  for (const g of grants) {
    const path = reach.get(g.grantee);
    if (!path) continue;
    // PUBLIC is the last resort: a named chain explains more.
    const len = g.grantee === PUBLIC_ID ? 1_000 : path.length;
    const cur = found ? (found.grant.grantee === PUBLIC_ID ? 1_000 : found.path.length) : Infinity;
    if (len < cur || (len === cur && (g.rank ?? 0) < (found!.grant.rank ?? 0))) found = { path, grant: g };
  }
  return found;
}

/**
 * SQL Server's precedence: any reachable DENY blocks, except that a column-level GRANT
 * overrides a table-level DENY.
 */
function denied(reach: Map<string, string[]>, access: ColumnAccess): boolean {
  const columnGrant = access.select.some((g) => g.level === 'column' && reach.has(g.grantee));
  for (const d of access.deny ?? []) {
    if (!reach.has(d.grantee)) continue;
    if (d.level === 'table' && columnGrant) continue;
    return true;
  }
  return false;
}

const PUBLIC_NOTE = /: every role and user, \d+ of them with no grant of their own$/;

/**
 * Readers of one column reached through separate objects, each judged on its own permissions
 * (SQL Server: a view read through an unbroken ownership chain checks the view's grants and DENYs,
 * never the table's), as one list: a principal reading through several is listed once, its own
 * grant first (before one through PUBLIC), with every path. PUBLIC first, then by name.
 */
export function mergeReaders(lists: ReadonlyArray<readonly AccessReader[]>): AccessReader[] {
  const by = new Map<string, AccessReader[]>();
  for (const list of lists) for (const r of list) by.set(r.principal, [...(by.get(r.principal) ?? []), r]);
  const out: AccessReader[] = [];
  for (const [principal, rs] of by) {
    const primary = rs.find((r) => !r.viaPublic && !r.setRole) ?? rs.find((r) => !r.viaPublic) ?? rs[0]!;
    const seen = new Set<string>();
    const paths = [primary, ...rs.filter((r) => r !== primary)].flatMap((r) => r.paths ?? []).filter((p) => {
      const k = JSON.stringify(p);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const merged: AccessReader = { ...primary, ...(paths.length ? { paths } : {}) };
    if (primary.viaPublic && !rs.every((r) => r.viaPublic)) delete (merged as { viaPublic?: boolean }).viaPublic;
    out.push(principal === 'PUBLIC' ? { ...merged, via: merged.via.replace(PUBLIC_NOTE, '') } : merged);
  }
  out.sort((a, b) => (a.kind === 'public' ? -1 : b.kind === 'public' ? 1 : a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
  const viaPublic = out.filter((r) => r.viaPublic).length;
  if (out[0]?.kind === 'public' && viaPublic > 0) out[0] = { ...out[0], via: `${out[0].via}: every role and user, ${viaPublic} of them with no grant of their own` };
  return out;
}
