/** What `minim label` writes: one statement per sensitive column (the shapes each engine's labels role uses). */
export type { LabelStatement, LabelTarget } from '../../connectors/types.js';
