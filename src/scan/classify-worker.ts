/**
 * Worker-thread entry of the classification pool (classify-pool.ts): loads the rules ONCE (the
 * built-in ones plus `workerData.rulesDirs`), then classifies one table per message. It holds no
 * connection and writes nothing; what it returns carries no raw value (masked examples only).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { classifyTable } from '../classify/index.js';
import { loadRules } from '../rules/load.js';
import { timedClassify, unpackSample, type ClassifyJob, type ClassifyReply } from './classify-pool.js';

const port = parentPort;
if (port) {
  const rules = loadRules((workerData as { rulesDirs?: string[] } | undefined)?.rulesDirs ?? []);
  port.on('message', (job: ClassifyJob) => {
    let reply: ClassifyReply;
    const clock = { ms: 0 };
    try {
      const verdict = timedClassify(clock, () => classifyTable(job.table, unpackSample(job.sample), rules, new Date(job.now)));
      reply = { id: job.id, verdict, ms: clock.ms };
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message.split('\n')[0]! : String(e), ms: clock.ms };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
