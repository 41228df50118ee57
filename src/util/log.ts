/**
 * Progress and logs go to stderr; data goes to stdout. Every line is scrubbed of registered secrets
 * and its control characters are escaped (`\x1b`, `\n`): one message is one line, whatever names it.
 */
import { safeText } from './text.js';

export type LogLevel = 'quiet' | 'info' | 'debug';

const secrets = new Set<string>();

/** Registers a string (a password, a sampled value) that must never be written out. */
export function registerSecret(value: string): void {
  if (value.length >= 3) secrets.add(value);
}

/** Replaces every registered secret in `text` with `***`. */
export function scrub(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  warn(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (prefix: string, message: string) => write(`${prefix}${safeText(scrub(message))}\n`);
  return {
    info: (m) => level !== 'quiet' && emit('', m),
    debug: (m) => level === 'debug' && emit('debug: ', m),
    warn: (m) => emit('warning: ', m),
  };
}

export const silentLogger: Logger = { info() {}, debug() {}, warn() {} };
