/**
 * The scan JSON, in pieces: the same bytes as `JSON.stringify(result, null, 2) + '\n'`, but the
 * columns array (the bulk at 10,000 tables) is rendered one column at a time, so the whole document
 * never exists as one string. Writers (a file, stdout) take the pieces as they come.
 */

/** Re-indents a pretty-printed JSON value to sit `depth` levels deep (2 spaces a level). */
function nested(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/** Yields `JSON.stringify(result, null, 2) + '\n'` in pieces; top-level arrays are streamed by element. */
export function* jsonPieces(result: object): Generator<string> {
  const entries = Object.entries(result).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        const el = value[j] === undefined || typeof value[j] === 'function' ? null : value[j];
        yield `    ${nested(el, 2)}${j < value.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${nested(value, 1)}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Writes the pieces atomically, with the output rules of every file minim writes (src/util/atomic.ts). */
export { writePiecesAtomic } from '../util/atomic.js';
