/**
 * A column whose name says it is some other identifier (a parcel number, a badge, an order
 * reference, a ZIP+4) while only its values scored a sensitive category: the classic false
 * positive (parcel numbers look like SSNs). Bulk approval never takes such an item; a steward
 * approves it by id, having looked.
 */
import type { PlanItem } from './plan-schema.js';

/** Name words that mean "another kind of number". */
const OTHER_IDENTIFIER = new Set([
  'parcel', 'apn', 'badge', 'order', 'ref', 'reference', 'invoice', 'zip', 'zip4', 'plus4', 'zipcode', 'postal', 'ticket',
  'permit', 'sku', 'tracking', 'confirmation', 'docket', 'citation', 'meter', 'lot', 'serial', 'po', 'receipt', 'case',
]);

/** Categories a value pattern alone can claim for a number. */
const NUMBER_CATEGORIES = new Set(['ssn', 'credit_card', 'bank_account', 'bank_routing', 'tax_id', 'drivers_license', 'passport', 'phone']);

/** Lower-case words of a column name: snake_case, kebab, camelCase and digits split. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Why the item's column name contradicts its values, or undefined. */
export function nameContradicts(item: PlanItem): string | undefined {
  // The classifier said so itself: its name evidence contradicts the values (rule name-contradicts).
  if (item.evidence.rules.includes('name-contradicts')) return `column name ${item.column} names something other than ${item.category} (the scan's evidence says so): approve it by id after a look`;
  if (!NUMBER_CATEGORIES.has(item.category)) return undefined;
  if (item.evidence.rules.some((r) => r.startsWith('name-') && r !== 'name-contradicts')) return undefined;
  const hit = nameWords(item.column).find((w) => OTHER_IDENTIFIER.has(w));
  return hit ? `column name ${item.column} says "${hit}", but only its values scored ${item.category}: approve it by id after a look` : undefined;
}
