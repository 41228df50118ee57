/** Markdown text and tables, escaped (shared by the report, the access verdicts and check). */
import { safeText } from '../util/text.js';

/**
 * Escapes text for a Markdown table cell: HTML is neutralised (`<` → `&lt;`), Markdown
 * punctuation is backslash-escaped, pipes cannot split the cell, control characters (a newline,
 * an ESC) are shown as visible escapes (`\n`, `\x1b`) and so cannot end the row or reach a terminal.
 */
export function mdText(s: string): string {
  return safeText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |\n`;
  return line(header) + line(header.map(() => '---')) + rows.map(line).join('');
}
