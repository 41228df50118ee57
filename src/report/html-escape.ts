/** HTML escaping for reports: every name and text from a database is hostile until escaped. */
import { safeText } from '../util/text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values; control characters shown as `\x1b`, `\n`. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return safeText(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
