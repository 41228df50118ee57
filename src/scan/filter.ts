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
