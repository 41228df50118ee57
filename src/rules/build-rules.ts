/**
 * `npm run build` step: parses the built-in rules files ahead into dist/rules/parsed.json and, when
 * every built-in rule's examples pass, records that (see parsed-cache.ts). A failure here never
 * fails the build: a scan then parses the YAML and runs the examples itself, as before.
 */
import { builtinRulesDigest, loadRulesWithExamples } from './load.js';
import { forgetParsedRules, parsedRulesPath, writeParsedRules } from './parsed-cache.js';
import { packageRoot } from '../util/paths.js';

try {
  const n = writeParsedRules();
  forgetParsedRules();
  // The examples run on the rules read through the file just written: the scan's own path.
  const failed = loadRulesWithExamples([]).examples.filter((e) => !e.ok).length;
  if (failed === 0) writeParsedRules(packageRoot(), builtinRulesDigest());
  process.stderr.write(`rules parsed ahead: ${n} files → ${parsedRulesPath()}${failed ? ` (${failed} rule examples fail: a scan refuses these rules)` : ''}\n`);
} catch (e) {
  process.stderr.write(`rules not parsed ahead (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); a scan parses them itself\n`);
}
