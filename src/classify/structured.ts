/**
 * Semi-structured values: JSON (json/jsonb columns, or text holding JSON) and XML text. Each value
 * is parsed and its leaves gathered by key path (`$.patient.ssn`, `$.phones[*]`, `/person/ssn`),
 * so the value rules can judge one path's leaves as they judge a column's values, and a key's
 * name can speak for its leaves.
 */

/** Values inspected per column and characters per value: the cost per column is bounded. */
const MAX_VALUES = 300;
const MAX_CHARS = 16_384;
const MAX_PATHS = 64;
const MAX_DEPTH = 8;

export interface Leaves {
  /** Values that parsed. */
  parsed: number;
  /** Leaf values (as text) per path, and the key that holds them. */
  paths: Map<string, { key: string; values: string[] }>;
}

function add(out: Leaves, path: string, key: string, v: string) {
  let p = out.paths.get(path);
  if (!p) {
    if (out.paths.size >= MAX_PATHS) return;
    out.paths.set(path, (p = { key, values: [] }));
  }
  p.values.push(v);
}

function walk(out: Leaves, node: unknown, path: string, key: string, depth: number) {
  if (node === null || node === undefined || depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (const x of node.slice(0, 50)) walk(out, x, `${path}[*]`, key, depth + 1);
  } else if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>).slice(0, 100)) walk(out, v, `${path}.${k}`, k, depth + 1);
  } else if (typeof node === 'string' || typeof node === 'number') {
    add(out, path, key, String(node));
  }
}

const XML_LEAF = /<([A-Za-z_][\w.-]{0,40})(?:\s[^<>]*)?>([^<>]{1,256})<\/\1>/g;

/** Whether most values look like JSON objects/arrays or XML elements. */
export function looksStructured(values: readonly (string | null)[]): 'json' | 'xml' | null {
  let n = 0;
  let json = 0;
  let xml = 0;
  for (const v of values) {
    if (v === null) continue;
    const s = v.trimStart();
    if (s.length === 0) continue;
    if (++n > 20) break;
    const c = s.charCodeAt(0);
    if (c === 123 || c === 91) json++;
    else if (c === 60) xml++;
  }
  if (n === 0) return null;
  if (json / n >= 0.8) return 'json';
  if (xml / n >= 0.8) return 'xml';
  return null;
}

/** The leaves of up to MAX_VALUES values, by path; null when fewer than 3 values parse. */
export function structuredLeaves(values: readonly (string | null)[], kind: 'json' | 'xml'): Leaves | null {
  const out: Leaves = { parsed: 0, paths: new Map() };
  let seen = 0;
  for (const v of values) {
    if (v === null) continue;
    if (++seen > MAX_VALUES) break;
    if (v.length > MAX_CHARS) continue;
    if (kind === 'json') {
      let doc: unknown;
      try {
        doc = JSON.parse(v);
      } catch {
        continue;
      }
      if (doc === null || typeof doc !== 'object') continue;
      out.parsed++;
      walk(out, doc, '$', '', 0);
    } else {
      XML_LEAF.lastIndex = 0;
      let m: RegExpExecArray | null;
      let any = false;
      while ((m = XML_LEAF.exec(v)) !== null) {
        any = true;
        add(out, `/${m[1]!}`, m[1]!, m[2]!.trim());
      }
      if (any) out.parsed++;
    }
  }
  return out.parsed >= 3 ? out : null;
}
