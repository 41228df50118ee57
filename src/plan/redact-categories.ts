/** Categories whose matches inside free text migrate can redact (patterns: src/migrate/redact-patterns.ts). */
export const REDACT_CATEGORIES: readonly string[] = ['ssn', 'credit_card', 'email', 'phone'];
