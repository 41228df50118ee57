/**
 * A column's sampled values as ONE text: the values end to end, separated by VALUE_SEPARATOR, SQL
 * NULL written as NULL_MARK. A connector whose database can aggregate a sample server-side
 * (PostgreSQL's `string_agg`) hands columns over in this form: the driver then decodes one string
 * per column instead of one per value, and the scan can pass the texts to a classification worker
 * as they are. They are split into values where they are classified (splitJoined).
 * The form cannot tell a value holding the separator, or equal to the mark, from the values around
 * it: `joinedFits` finds that out against the row and NULL counts the server reported, and the
 * connector then reads the rows one by one.
 */
import type { TableSample } from './types.js';

export const VALUE_SEPARATOR = '\x01';
export const NULL_MARK = '\x02';
const NULL_CODE = 2;

/** Whether `text` splits into exactly `rows` values of which `rows - nonNull` are NULL marks. */
export function joinedFits(text: unknown, rows: number, nonNull: number): text is string {
  if (typeof text !== 'string') return rows === 0;
  if (rows === 0) return false;
  let pieces = 0;
  let nulls = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf(VALUE_SEPARATOR, start);
    const stop = end < 0 ? text.length : end;
    if (stop - start === 1 && text.charCodeAt(start) === NULL_CODE) nulls++;
    if (++pieces > rows) return false;
    if (end < 0) break;
    start = end + 1;
  }
  return pieces === rows && nulls === rows - nonNull;
}

/** The values of a joined column that joinedFits accepted (`rows` of them; NULL marks as null). */
export function splitJoined(text: string | null, rows: number): Array<string | null> {
  if (text === null || rows === 0) return [];
  const values: Array<string | null> = text.split(VALUE_SEPARATOR);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.length === 1 && v.charCodeAt(0) === NULL_CODE) values[i] = null;
  }
  return values;
}

/** A sample whose columns came joined: `values` splits them on first read; `joined` keeps them whole. */
export function joinedSample(rows: number, joined: ReadonlyArray<string | null>, method: string, queries: number): TableSample {
  let values: ReadonlyArray<ReadonlyArray<string | null>> | undefined;
  const texts = Object.freeze([...joined]);
  return Object.freeze({
    rows,
    joined: texts,
    method,
    queries,
    get values() {
      return (values ??= Object.freeze(texts.map((t) => Object.freeze(splitJoined(t, rows)))));
    },
  });
}
