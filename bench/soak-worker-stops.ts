/**
 * Worker-stop soak (issue 9, item 2): `--stops` times, a flag is saved through the real extension's
 * message path in Chromium and its service worker is stopped before the flag is sent (as soon as it is
 * saved, with the request out, or with the backend's answer on its way back), then woken by its alarm or
 * by a message; every flag must arrive exactly once. Build the extension first (the npm script does).
 *   npm run soak:worker-stops -- [--stops 200]
 */
import { parseArgs } from 'node:util';
import { startOutboxRig } from '../tests/e2e/support/outbox-rig.ts';
import { describeWorkerStops, runWorkerStops } from '../tests/e2e/support/worker-stops.ts';

const { values } = parseArgs({ options: { stops: { type: 'string', default: '200' } } });
const setup = performance.now();
const rig = await startOutboxRig();
console.log(`backend (demo on PostgreSQL) and Chromium ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`);
let ok = false;
try {
  const report = await runWorkerStops(rig, { stops: Number(values.stops), log: (line) => console.log(line) });
  console.log('');
  for (const line of describeWorkerStops(report)) console.log(line);
  const delivered = report.stops.filter((s) => s.deliveredMs !== null).length;
  ok = report.stored.problems.length === 0 && delivered === Number(values.stops) && report.outbox.sent === delivered;
} finally {
  await rig.close();
}
console.log(ok ? 'every flag delivered exactly once' : 'FAILED');
process.exit(ok ? 0 : 1);
