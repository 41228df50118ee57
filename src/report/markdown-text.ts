/** Markdown text and tables, escaped (shared by the report, the access verdicts and check). */

/**
 * Escapes text for a Markdown table cell: HTML is neutralised (`<` → `&lt;`), Markdown
 * punctuation is backslash-escaped, pipes cannot split the cell, newlines become spaces.
 */
export function mdText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |\n`;
  return line(header) + line(header.map(() => '---')) + rows.map(line).join('');
}
