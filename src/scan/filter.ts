/** `--include` / `--exclude` table patterns: globs over `schema.table`; a pattern without a dot matches the table in any schema. */
import picomatch from 'picomatch';

export type TableFilter = (schema: string, table: string) => boolean;

export function tableFilter(include: readonly string[] = [], exclude: readonly string[] = []): TableFilter {
  const compile = (patterns: readonly string[]) =>
    patterns.map((p) => {
      const m = picomatch(p.includes('.') ? p : `*.${p}`, { dot: true, nocase: true });
      return (qualified: string) => m(qualified);
    });
  const inc = compile(include);
  const exc = compile(exclude);
  return (schema, table) => {
    const q = `${schema}.${table}`;
    if (inc.length > 0 && !inc.some((m) => m(q))) return false;
    return !exc.some((m) => m(q));
  };
}

/** The `--include` patterns that match none of `tables` (`schema.table`), as the user wrote them. */
export function unmatchedPatterns(patterns: readonly string[], tables: Iterable<string>): string[] {
  const compiled = patterns.map((p) => ({ p, m: picomatch(p.includes('.') ? p : `*.${p}`, { dot: true, nocase: true }) }));
  const left = new Set(compiled);
  for (const t of tables) {
    for (const c of left) if (c.m(t)) left.delete(c);
    if (left.size === 0) break;
  }
  return compiled.filter((c) => left.has(c)).map((c) => c.p);
}
