#!/usr/bin/env node
/**
 * Whether dist/ is the build of the sources beside it, so `prepare` builds only when it is not.
 *
 * npm (9 and later) runs `npx minim` inside a clone by installing the clone into its npx cache as a
 * link, and that install runs the linked package's `prepare` script: the whole `npm run build`
 * (tsc, about 3.5 s and 450 MB) again, right after `npm ci` built the same sources. npm's exec looks
 * at the project's own package.json bin before node_modules/.bin, so a bin link made at prepare does
 * not avoid that install; a prepare that sees an up-to-date dist/ does.
 *
 *   node scripts/build-stamp.mjs write   after a build: records the digest of the build's inputs
 *   node scripts/build-stamp.mjs check   exit 0 when dist/ holds a build of the current inputs, else 1
 *
 * The digest covers every file the build reads: the TypeScript sources (tsconfig's include), the
 * rules files (parsed ahead by the build), tsconfig.json, package.json and package-lock.json (the
 * compiler's and PGlite's versions, which shape dist/ and the packed demo city). Plain JavaScript
 * with no dependencies: it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-inputs.json');
const INPUT_DIRS = ['src', 'connectors', 'bench', 'rules'];
const INPUT_FILES = ['tsconfig.json', 'package.json', 'package-lock.json'];
/** Outputs a scan needs; a stamp without them (a dist/ partly deleted) does not count. */
const OUTPUTS = ['dist/src/cli/main.js', 'dist/rules/parsed.json'];

function listFiles(dir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out; // an input folder that is absent is simply empty
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(path));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

/** SHA-256 over every input file's path (with / separators) and bytes, in a fixed order. */
export function inputsDigest(root = ROOT) {
  const files = [...INPUT_DIRS.flatMap((d) => listFiles(join(root, d))), ...INPUT_FILES.map((f) => join(root, f)).filter((f) => existsSync(f))];
  const rel = files.map((f) => relative(root, f).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const f of rel) hash.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return { digest: hash.digest('hex'), files: rel.length };
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

// Run as a command only (importing it for inputsDigest runs nothing).
const command = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) ? process.argv[2] : null;
if (command === 'write') {
  const { digest, files } = inputsDigest();
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify({ digest, files })}\n`);
} else if (command === 'check') {
  const stamp = readStamp();
  const current = stamp && OUTPUTS.every((f) => existsSync(join(ROOT, f))) && stamp.digest === inputsDigest().digest;
  if (current) process.stderr.write('minim: dist/ is the build of these sources; nothing to build\n');
  process.exitCode = current ? 0 : 1;
} else if (command !== null) {
  process.stderr.write(`usage: node scripts/build-stamp.mjs write|check\n`);
  process.exitCode = 2;
}
