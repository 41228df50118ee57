/** The shape of rules/*.yaml, validated on load so a malformed rule file fails with a clear line. */
import { z } from 'zod';

const examples = z
  .object({ match: z.array(z.string()).default([]), noMatch: z.array(z.string()).default([]) })
  .strict();

const range = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** Masks of src/classify/examples.ts, by name. */
export const MASKS = ['value', 'email', 'all', 'words', 'shape', 'ip'] as const;
export type MaskKind = (typeof MASKS)[number];

const neighbour = z.object({ category: z.string().min(1), weight: z.number().min(0).max(1), says: z.string().min(1) }).strict();

export const categorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'category ids are lower_snake_case'),
    label: z.string(),
    sensitivity: z.enum(['high', 'medium', 'low']),
    audit: z.boolean().default(false),
    types: z.array(z.string()).min(1),
    digits: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    valuesUnless: z.array(z.string().min(1)).default([]),
    inText: z.object({ minDigits: z.number().int().min(0).optional(), requires: z.array(z.string().length(1)).optional() }).strict().optional(),
    tables: z.object({ weight: z.number().min(0).max(1), tokens: z.array(z.string().min(1)).min(1) }).strict().optional(),
    restricted: z.boolean().default(false),
    labels: z
      .object({
        postgres: z.object({ anon: z.enum(['partial']) }).strict().optional(),
        mssql: z
          .object({
            label: z.string().min(1),
            informationType: z.string().min(1),
            rank: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
            alsoReads: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    redaction: z.object({ text: z.boolean(), token: z.string().regex(/^\[REDACTED-[A-Z0-9-]+\]$/, 'a redaction token looks like [REDACTED-NAME]') }).strict().optional(),
    /** How reports mask the category's examples (src/classify/examples.ts). */
    mask: z.enum(MASKS).default('value'),
    /**
     * Which rows a column mask of the category changes by default (src/plan/build-plan.ts sets it
     * on each item as `values`; the steward can change it before approving).
     */
    maskRows: z.enum(['validated', 'all']).default('all'),
    /** Another reported category in the same table raises this one's claim (table context). */
    neighbours: z.array(neighbour).default([]),
  })
  .strict();

/** One member of a quasi-identifier set: a column reported as a category, or named by a token. */
const quasiIdentifierPart = z.union([
  z.object({ category: z.string().min(1) }).strict(),
  z.object({ tokens: z.array(z.string().min(1)).min(1) }).strict(),
]);

export const nameRuleSchema = z
  .object({
    id: z.string().min(1),
    category: z.string(),
    weight: z.number().min(0).max(1),
    patterns: z.array(z.string().min(1)).min(1),
    unless: z.array(z.string().min(1)).default([]),
    /**
     * Integer range the values must fit for the name to stand (a birth month 1-12): without it the
     * name is contradicted like any other (detectors/name.ts); with it, short numeric codes are
     * what the name promises, not a contradiction.
     */
    fits: z.tuple([z.number().int(), z.number().int()]).optional(),
    examples,
  })
  .strict();

/** What value and text rules share: an id, a category, and exactly one of a regex or a dictionary. */
const matcherFields = {
  id: z.string().min(1),
  category: z.string(),
  regex: z.string().optional(),
  flags: z.string().regex(/^[imsu]*$/).optional(),
  dictionary: z.string().optional(),
  validator: z.string().optional(),
  examples,
};
const oneMatcher = (kind: string) =>
  [
    (r: { regex?: string | undefined; dictionary?: string | undefined }) => (r.regex === undefined) !== (r.dictionary === undefined),
    { message: `a ${kind} rule needs exactly one of regex or dictionary` },
  ] as const;

export const valueRuleSchema = z
  .object({
    ...matcherFields,
    shape: z
      .object({
        digits: range.optional(),
        length: range.optional(),
        requires: z.array(z.enum(['alpha', 'digit', 'at', 'dot', 'colon'])).optional(),
      })
      .strict()
      .default({}),
    weight: z.number().min(0).max(1),
    chance: z.number().min(0).max(1).default(0.5),
    minShare: z.number().min(0).max(1).default(0.5),
    /**
     * Share below which the rule alone is at most a candidate: a margin between what a noisy
     * sample of an ordinary column reaches (track names with a medical word) and the real thing.
     */
    reportShare: z.number().min(0).max(1).optional(),
    supportOnly: z.boolean().default(false),
    group: z.string().optional(),
  })
  .strict()
  .refine(...oneMatcher('value'));

export const textRuleSchema = z
  .object({
    ...matcherFields,
    context: z.array(z.string()).default([]),
    window: z.number().int().min(0).default(40),
    contextRequired: z.boolean().default(false),
    minRows: z.number().int().min(1).default(2),
    minRowsWithContext: z.number().int().min(1).default(1),
  })
  .strict()
  .refine(...oneMatcher('text'));

const subjectExample = z
  .object({
    table: z.string().min(1),
    columns: z.array(z.string().min(1)).min(1),
    column: z.string().min(1),
    /** Sampled values of `column`, when the example turns on them (a record type's closed set). */
    values: z.array(z.string()).optional(),
  })
  .strict();

/** A table subject: table-name words + a person key make the table's content columns a category. */
export const subjectRuleSchema = z
  .object({
    id: z.string().min(1),
    category: z.string(),
    weight: z.number().min(0).max(1),
    tables: z.array(z.string().min(1)).min(1),
    links: z.array(z.string().min(1)).min(1),
    /**
     * When set, a link column is a key, not just a word (`person_id`, `pid`; not an email's
     * `subject`): made only of link and `keys` words with at least one key, or one `alone` word.
     */
    linkKeys: z.object({ keys: z.array(z.string().min(1)).min(1), alone: z.array(z.string().min(1)).default([]) }).strict().optional(),
    /** When set, a content column's name must also hold one of these words (`value`, `title`, `code`). */
    content: z.array(z.string().min(1)).optional(),
    /**
     * Record types (care-content.ts): a column whose last word is one of `words` (`type`,
     * `category`, `form`) and whose values are a small closed set is the record's type, not what
     * the care was, unless its name holds an `unless` word (`blood_type`).
     */
    recordTypes: z.object({ words: z.array(z.string().min(1)).min(1), unless: z.array(z.string().min(1)).default([]) }).strict().optional(),
    catalog: z.array(z.string().min(1)).default([]),
    /**
     * Reference tables (care-content.ts): a table whose name is made only of these words (`drugs`,
     * `concept`, `list_options`) and which has no column with a link word lists things, not
     * people: the category's evidence in it is at most a candidate, whatever its values.
     */
    reference: z.array(z.string().min(1)).default([]),
    skip: z.array(z.string().min(1)).default([]),
    /** Clinical codes (care-content.ts): words naming a code that stays content though its name says key. */
    codes: z.object({ words: z.array(z.string().min(1)).min(1), keys: z.array(z.string().min(1)).default([]), unless: z.array(z.string().min(1)).default([]) }).strict().optional(),
    /** Care events (care-content.ts): a date column named for one (`appendectomy`) says it happened. */
    events: z.array(z.string().min(1)).default([]),
    types: z.array(z.string()).min(1),
    examples: z.object({ match: z.array(subjectExample).min(1), noMatch: z.array(subjectExample).min(1) }).strict(),
  })
  .strict();

/** One rules file may hold any of these sections. */
export const rulesFileSchema = z
  .object({
    categories: z.array(categorySchema).optional(),
    names: z.array(nameRuleSchema).optional(),
    values: z.array(valueRuleSchema).optional(),
    text: z.array(textRuleSchema).optional(),
    subjects: z.array(subjectRuleSchema).optional(),
    aliases: z.record(z.string(), z.array(z.string())).optional(),
    compounds: z.record(z.string(), z.array(z.string())).optional(),
    quasiIdentifiers: z.array(quasiIdentifierPart).min(2).optional(),
  })
  .strict();

export type CategoryDef = z.infer<typeof categorySchema>;
export type NameRuleDef = z.infer<typeof nameRuleSchema>;
export type ValueRuleDef = z.infer<typeof valueRuleSchema>;
export type TextRuleDef = z.infer<typeof textRuleSchema>;
export type SubjectRuleDef = z.infer<typeof subjectRuleSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
