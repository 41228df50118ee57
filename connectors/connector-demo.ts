/** What every engine's demo-city spelling shares: sized and decimal types, text checks. */
import type { DemoColumn } from '../src/demo/model.js';

export function sized(column: DemoColumn, base: string): string {
  if (column.length === undefined) throw new Error(`demo column ${column.name}: ${column.type} needs a length`);
  return `${base}(${column.length})`;
}

export function decimal(column: DemoColumn, base: string): string {
  return `${base}(${column.precision ?? 12}, ${column.scale ?? 2})`;
}

export function checkText(value: string): string {
  if (value.includes('\0')) throw new Error('demo value contains a NUL character');
  return value;
}
