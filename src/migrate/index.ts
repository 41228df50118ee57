/** Migrations: approved plan items → dialect SQL (kysely, compile-only), dry run, batched apply, verify. */
export { migrate, DEFAULT_BATCH_SIZE, type MigrateOptions, type MigrateResult, type ItemOutcome, type SourceOutcome } from './migrate.js';
export { selectApproved } from './approvals.js';
export { checkSchema } from './staleness.js';
export { operationFor, type Operation } from './operations.js';
export { renderScript } from './script.js';
export { compile, familyOf, type SqlFamily } from './sql-compiler.js';
export { previewItems, type ItemPreview, type PreviewExample } from './preview.js';
export { preflight, type Preflight } from './preflight.js';
export { detectorFor, redactableCategories, type Detector } from './detect.js';
export { Journal, journalPath } from './journal.js';
