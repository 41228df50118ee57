/** `minim reject PLAN ITEM… | --all`: record rejections (who, when, why, digest); rejected items are never migrated. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerDecision } from './approve.js';

export function register(program: Command, ctx: CliContext): void {
  registerDecision(program, ctx, 'reject');
}
