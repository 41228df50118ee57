/**
 * Defaults the --help text names. They are copies of the values the modules that use them define
 * (listed beside each), so that `minim --help` loads none of those modules;
 * test/unit/cli-commands.test.ts holds each copy equal to its original.
 */
/** src/config.ts DEFAULT_CONFIG_FILE */
export const CONFIG_FILE = 'minim.config.yaml';
/** src/check/gate.ts DEFAULT_CHECK_SEED */
export const CHECK_SEED = 1;
/** src/check/gate.ts DEFAULT_MARGIN */
export const CHECK_MARGIN = 0.1;
/** src/access/review.ts DEFAULT_MAX_READERS */
export const MAX_READERS = 10;
/** src/plan/decide.ts DEFAULT_MIN_CONFIDENCE */
export const MIN_CONFIDENCE = 0.8;
/** src/check/ignore.ts DEFAULT_IGNORE_FILE */
export const IGNORE_FILE = 'minim.ignore.yaml';
/** src/migrate/migrate.ts DEFAULT_BATCH_SIZE */
export const BATCH_SIZE = 5000;
