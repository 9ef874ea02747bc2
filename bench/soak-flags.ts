/**
 * Outbox soak (issue 9, item 1): `--flags` flags go into the real extension's outbox in Chromium while
 * the backend (`sidelight serve` on a PostgreSQL store) is killed with SIGKILL `--kills` times at random
 * moments of the sending and started again on the same port; then every flag must be stored exactly
 * once and the outbox hold each as sent. Build the extension first (the npm script does).
 *   npm run soak:flags -- [--flags 1000] [--kills 30] [--max-down-ms 1000] [--seed N]
 */
import { parseArgs } from 'node:util';
import { describeKillRun, runFlagsUnderKills } from '../tests/e2e/support/flags-under-kills.ts';
import { startOutboxRig } from '../tests/e2e/support/outbox-rig.ts';

const { values } = parseArgs({
  options: {
    flags: { type: 'string', default: '1000' },
    kills: { type: 'string', default: '30' },
    'max-down-ms': { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
console.log(`seed ${values.seed}: ${values.flags} flags, ${values.kills} kills`);
const setup = performance.now();
const rig = await startOutboxRig();
console.log(`backend (demo on PostgreSQL) and Chromium ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`);
let ok = false;
try {
  const report = await runFlagsUnderKills(rig, {
    flags: Number(values.flags),
    kills: Number(values.kills),
    maxDownMs: Number(values['max-down-ms']),
    seed: Number(values.seed),
    log: (line) => console.log(line),
  });
  console.log('');
  for (const line of describeKillRun(report)) console.log(line);
  ok = report.stored.problems.length === 0 && report.outbox.sent === report.flags && report.kills === Number(values.kills);
} finally {
  await rig.close();
}
console.log(ok ? 'every flag stored exactly once' : 'FAILED');
process.exit(ok ? 0 : 1);
