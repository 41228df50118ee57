/**
 * The one escape for human-readable output (tables, Markdown, summary lines, logs, error lines):
 * names and messages come from databases and files an attacker may control, so every control
 * character is shown as a visible escape (`\x1b`, `\n`) instead of reaching the terminal or log.
 * A newline in a table name cannot start a line of its own, and an ESC cannot recolour the screen.
 */

/**
 * C0 controls (newline and tab included), DEL, C1 controls, the Unicode line and paragraph
 * separators and the bidirectional overrides/isolates (which can reorder what a reader sees).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character escaped visibly; plain text comes back unchanged. */
export function safeText(text: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) ? text.replace(CONTROL, escapeOne) : text;
}

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Like {@link safeText}, but newlines and tabs stay: for whole blocks of output whose fields are already safe. */
export function safeBlock(text: string): string {
  CONTROL_BUT_LINES.lastIndex = 0;
  return CONTROL_BUT_LINES.test(text) ? text.replace(CONTROL_BUT_LINES, escapeOne) : text;
}

/** A writable the CLI writes text to (process.stdout, process.stderr, or a test's capture). */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * The output boundary: a sink whose every write has its control characters escaped (newlines and
 * tabs kept), so no command can put an ESC or BEL on the terminal, whatever it prints. `raw` is the
 * stream underneath, for the one writer that must draw with escape sequences (a progress bar).
 */
export function guardedSink<T extends TextSink>(stream: T): TextSink & { readonly raw: T; readonly columns?: number } {
  return {
    write: (chunk: string) => stream.write(safeBlock(String(chunk))),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return (stream as { columns?: number }).columns;
    },
    raw: stream,
  };
}

/** The stream a progress bar may draw on: the raw stream under a guarded sink, or the sink itself. */
export function rawSink<T extends TextSink>(sink: T): T {
  return ((sink as { raw?: T }).raw ?? sink) as T;
}
