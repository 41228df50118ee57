#!/usr/bin/env node
// The `minim` command. Committed with its execute bit (git mode 100755), so npm can run it directly
// on a fresh clone; the compiled entry point (dist/src/cli/main.js) carries no mode of its own.
const entry = new URL('../dist/src/cli/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('minim: the compiled CLI (dist/) is missing; run `npm install` or `npm run build` in the package directory\n');
    process.exitCode = 2;
  } else throw e;
}
