/**
 * The output format ids each command offers. Kept apart from the renderers (src/report/reporters.ts)
 * so the command line can list them in --help without loading any renderer.
 */
export const SCAN_FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'ndjson', 'sarif', 'junit'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** `minim report`: the inventory (with its plan, access review, trend) in a readable form. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `minim check`: the gate's verdict, for people and for CI systems. */
export const CHECK_FORMATS = ['table', 'json', 'markdown', 'sarif', 'junit'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** `minim access`: who can read each sensitive column. */
export const ACCESS_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type AccessFormat = (typeof ACCESS_FORMATS)[number];
