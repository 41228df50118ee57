/**
 * One suite per capability, looped over every engine (kysely's way: one body, expectations typed
 * `Record<Dialect, T>` where engines differ). `forEachEngine('migrate', ENGINES, (e) => …)` declares
 * `describe('migrate on <Engine>')` once per engine; an engine this machine cannot reach is declared
 * all the same and skipped, with the reason printed and kept in the suite's meta, where the suites
 * reporter (test/helpers/suites-reporter.ts) reads it.
 */
import { describe, it } from 'vitest';
import { getEngine, type EngineDialect, type TestEngine } from './engines.js';

/** Every engine a capability suite may run on. PGlite is embedded: always available, where it applies. */
export type SuiteDialect = EngineDialect | 'pglite';

export const ENGINE_LABEL: Record<SuiteDialect, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MariaDB',
  mssql: 'SQL Server',
  pglite: 'PGlite',
};

/** The server engines, in the order every suite lists them. */
export const SERVER_DIALECTS: readonly EngineDialect[] = ['postgres', 'mysql', 'mssql'];

export interface SuiteEngine<D extends SuiteDialect = SuiteDialect> {
  readonly dialect: D;
  readonly label: string;
  readonly available: boolean;
  /** Why it is skipped here (undefined when available). */
  readonly skip?: string;
  /** The server (undefined for PGlite and for a skipped engine). */
  readonly engine?: TestEngine;
}

/** What the suites reporter reads from each engine suite's meta. */
export interface EngineSuiteMeta {
  readonly capability: string;
  readonly dialect: SuiteDialect;
  readonly skip?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    engineSuite?: EngineSuiteMeta;
  }
}

/** Resolves each engine once (env URL → local service → testcontainers → skip). */
export async function suiteEngines<D extends SuiteDialect>(dialects: readonly D[]): Promise<Array<SuiteEngine<D>>> {
  const out: Array<SuiteEngine<D>> = [];
  for (const dialect of dialects) {
    if (dialect === 'pglite') {
      out.push({ dialect, label: ENGINE_LABEL[dialect], available: true });
      continue;
    }
    const found = await getEngine(dialect as EngineDialect);
    out.push(
      found.engine
        ? { dialect, label: ENGINE_LABEL[dialect], available: true, engine: found.engine }
        : { dialect, label: ENGINE_LABEL[dialect], available: false, skip: found.skip },
    );
  }
  return out;
}

/** An available server engine: `engine` is set. */
export type ReadyEngine<D extends SuiteDialect = SuiteDialect> = SuiteEngine<D> & { readonly available: true };

/**
 * Declares `<capability> on <Engine>` for every engine. An unavailable engine's suite is skipped:
 * the reason is printed once, shown as its one skipped test, and kept in the suite's meta.
 * `extraSkip` skips an available engine too (e.g. the CLI is not built), with its reason.
 */
export function forEachEngine<D extends SuiteDialect>(
  capability: string,
  engines: ReadonlyArray<SuiteEngine<D>>,
  body: (engine: ReadyEngine<D>) => void,
  extraSkip?: () => string | undefined,
): void {
  for (const e of engines) {
    const skip = e.skip ?? (e.available ? extraSkip?.() : undefined);
    const meta: EngineSuiteMeta = { capability, dialect: e.dialect, ...(skip ? { skip } : {}) };
    if (skip) console.warn(`${capability} on ${e.label}: skipped — ${skip}`);
    describe.skipIf(skip !== undefined)(`${capability} on ${e.label}`, { meta: { engineSuite: meta } }, () => {
      if (skip !== undefined) {
        it.skip(`skipped: ${skip}`, () => {});
        return;
      }
      body(e as ReadyEngine<D>);
    });
  }
}

/** The server of an available engine (throws for PGlite, which has none). */
export function serverOf(e: SuiteEngine): TestEngine {
  if (!e.engine) throw new Error(`${e.label}: no server engine (${e.skip ?? 'embedded'})`);
  return e.engine;
}
