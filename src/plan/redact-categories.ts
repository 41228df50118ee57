/**
 * Categories whose matches inside free text migrate can redact: those with a validated text
 * rule in rules/values.yaml (src/migrate/detect.ts `redactableCategories()`; a unit test pins the two together).
 */
export const REDACT_CATEGORIES: readonly string[] = ['credit_card', 'dob', 'email', 'phone', 'ssn'];
