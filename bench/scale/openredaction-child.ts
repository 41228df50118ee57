/**
 * openredaction's side of the detector benchmark, in a process of its own. `detect()` compiles
 * regexes as it goes (hundreds of thousands over a 15 s pass); once an isolate has generated over
 * 1 MB of regexp code and holds over 16 MB of executable memory, V8 compiles every regex created
 * after that without optimization (`TooMuchRegExpCode`, src/regexp/regexp.cc). In one process
 * with minim, the regexes minim first runs after such a pass (the notes-only ones: the vocabulary
 * trie, person names in prose) ran 4-10× slower, and minim's figures measured openredaction's
 * history instead of minim. Values reach the child over IPC and never leave the machine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OpenRedaction } from 'openredaction';
import { since } from './progress.js';

interface Request {
  readonly values: readonly string[];
  readonly budgetMs: number;
}

/** openredaction on a prefix of the values, stopping after `budgetMs`; returns [values, per second]. */
async function openredactionPass(values: readonly string[], budgetMs: number): Promise<[number, number]> {
  const redactor = new OpenRedaction({});
  await redactor.detect('warm up: call 555-201-3344 or mail a@example.org'); // pattern compilation
  const t0 = performance.now();
  let n = 0;
  for (const v of values) {
    await redactor.detect(v);
    n++;
    if (n % 100 === 0 && since(t0) > budgetMs) break;
  }
  return [n, (n * 1000) / since(t0)];
}

/** Runs `openredactionPass` in a new Node process (one per value set: no state carries over). */
export function openredactionInChild(values: readonly string[], budgetMs: number): Promise<[number, number]> {
  const entry = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { env: { ...process.env, MINIM_BENCH_OR_CHILD: '1' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let result: [number, number] | null = null;
    child.once('message', (m) => {
      result = m as [number, number];
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`openredaction child exited ${code}`))));
    child.send({ values, budgetMs } satisfies Request);
  });
}

if (process.env.MINIM_BENCH_OR_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (m) => {
    const { values, budgetMs } = m as Request;
    openredactionPass(values, budgetMs).then(
      (r) => process.send!(r, () => process.disconnect()),
      (e: unknown) => {
        process.stderr.write(`bench openredaction child: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
        process.exit(2);
      },
    );
  });
}
