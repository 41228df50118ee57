/**
 * A validator scores one matched substring, as written (separators included): 0 invalid,
 * 1 valid, a value in between for a valid shape that is suspicious (advertising numbers,
 * reserved ranges). Validators run millions of times: charCode loops, no per-call regexes.
 */
export type Validator = (raw: string) => number;

/** Score for a valid shape that is known to be a placeholder, sample or advertising value. */
export const WEAK = 0.1;
