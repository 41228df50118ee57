/**
 * CI gate on accuracy: both evaluation corpora (development and held-out), loaded into the real
 * engines and scanned through the built CLI with the committed figures' sample seed (`--seed 1`),
 * must reach the micro F1 committed in docs/figures.json (`eval.development`, `eval.heldout`) less
 * at most 0.02. A drop larger than that fails the build; a rise means the figures should be
 * re-recorded with `npm run eval -- --write`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, DEFAULT_SEED } from '../../bench/eval/corpus.js';
import { generateHeldout, HELDOUT_SEED } from '../../bench/eval/heldout/index.js';
import { minimAvailable } from '../../bench/eval/minim.js';
import { runCorpus } from '../../bench/eval/run.js';
import type { CorpusFigures } from '../../bench/eval/figures-eval.js';
import { figuresPath } from '../../bench/figures.js';
import { getEngine } from '../helpers/engines.js';

/** How far micro F1 may fall below the committed figure before CI fails. */
const TOLERANCE = 0.02;

const sections = JSON.parse(readFileSync(figuresPath(), 'utf8')).sections as Record<string, { data: CorpusFigures } | undefined>;
const built = minimAvailable();
if (!built) console.warn('eval gate: the CLI is not built (dist/src/cli/main.js); `npm test` builds it first');

const ENGINES = [
  { dialect: 'postgres' as const, name: 'PostgreSQL', skip: (await getEngine('postgres')).skip },
  { dialect: 'mysql' as const, name: 'MariaDB', skip: (await getEngine('mysql')).skip },
];
const CORPORA = [
  { section: 'eval.development', label: 'development', make: () => generateCorpus(DEFAULT_SEED) },
  { section: 'eval.heldout', label: 'held-out', make: () => generateHeldout(HELDOUT_SEED) },
];

const drops: string[] = [];
afterAll(() => {
  if (drops.length) console.warn(`eval gate: ${drops.join('; ')}`);
});

for (const engine of ENGINES) {
  if (engine.skip) console.warn(`eval gate on ${engine.name} skipped: ${engine.skip}`);
  describe.skipIf(engine.skip !== undefined)(`accuracy gate on ${engine.name}`, () => {
    for (const c of CORPORA) {
      it(`micro F1 on the ${c.label} corpus stays within ${TOLERANCE} of the committed figure`, async () => {
        expect(built, 'the CLI must be built (npm run build) before the accuracy gate runs').toBe(true);
        const committed = sections[c.section]?.data.engines[engine.name]?.['minim']?.micro.f1;
        expect(committed, `docs/figures.json has no ${c.section} figure for minim on ${engine.name}; record it with npm run eval -- --write`).toBeTypeOf('number');
        const scanSeed = sections[c.section]!.data.scanSeed;
        const run = await runCorpus(c.make(), { engine: engine.dialect, scanSeeds: [scanSeed], baselines: false });
        const f1 = run.scores['minim']!.micro.f1 ?? 0;
        drops.push(`${engine.name} ${c.label}: micro F1 ${f1.toFixed(3)} (committed ${committed!.toFixed(3)})`);
        expect(run.notes.filter((n) => n.startsWith('minim scan errors')), 'scan errors').toEqual([]);
        expect(f1, `${c.label} corpus on ${engine.name}: micro F1 ${f1.toFixed(3)} fell more than ${TOLERANCE} below the committed ${committed!.toFixed(3)}`).toBeGreaterThanOrEqual(committed! - TOLERANCE);
      }, 600_000);
    }
  });
}
