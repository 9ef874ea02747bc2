/**
 * Hostile-page soak (issue 9, item 8): the hostile-page test's flood, bigger. A replica Zendesk page whose
 * own script (tests/e2e/replicas/hostile/hostile.js) sends `--messages` crafted messages and DOM events
 * in rounds of `--round` (to the Sidelight frame, to itself, as forged WXT and navigation events), beside
 * a sidebar showing a customer whose CRM rows hold script-like text. After every round: nothing served by
 * the background, nothing asked of the backend, no message from the extension on the page, the sidebar
 * still there and unchanged; at the end, the token nowhere the page can look. Build the extension first
 * (the npm script does).
 *   npm run soak:hostile -- [--messages 100000] [--round 10000]
 */
import { parseArgs } from 'node:util';
import type { Frame } from 'playwright-core';
import { NOTHING_INJECTED, hostile, injectedIn, sidebarText, startHostileSession, tallySince } from '../tests/e2e/support/hostile-session.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, round: { type: 'string', default: '10000' } } });
const total = Number(values.messages);
const round = Math.min(Number(values.round), total);

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const heapMb = (frame: Frame) =>
  frame.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0).then((bytes) => bytes / 2 ** 20);

const setup = performance.now();
const session = await startHostileSession();
console.log(`backend (demo with poisoned CRM rows), replicas and Chromium ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`);
const problems: string[] = [];
try {
  const { planted, log, browser } = session;
  const page = await session.hostilePage();
  await page.goto(session.ticketUrl(planted.ticketId));
  await waitFor(() => sidebarText(page, 'account-name'), (name) => name === planted.accountName, 'the sidebar shows the poisoned account');
  await waitFor(() => sidebarText(page, 'context-subject'), (label) => Boolean(label?.includes(' · ')), "the label has the page's requester");
  const sidebar = session.sidebarFrameOf(page);
  await sidebar.evaluate(() => {
    const counts = ((window as unknown as { __messages: { count: number } }).__messages = { count: 0 });
    window.addEventListener('message', () => (counts.count += 1), true);
  });
  const tallyBefore = await session.tally();
  const requestsBefore = log.requests.length;
  const heapBefore = await heapMb(sidebar);
  console.log(`sidebar heap before: ${heapBefore.toFixed(1)} MB`);

  let sent = 0;
  let toFrame = 0;
  let refusedByBrowser = 0;
  const started = performance.now();
  while (sent < total) {
    const count = Math.min(round, total - sent);
    const stats = await hostile(page, 'flood', { count, urlChanges: 20 });
    sent += count;
    toFrame += stats.toFrame;
    refusedByBrowser += stats.refusedByBrowser;
    const counted = tallySince(tallyBefore, await session.tally());
    const asked = log.requests.length - requestsBefore;
    const received = await hostile(page, 'received');
    // Read until it settles: right after a round the busy renderer may not answer within sidebarText's 500 ms.
    const shown = await waitFor(() => sidebarText(page, 'account-name'), (name) => name !== null, 'the sidebar answers', 10_000).catch(() => null);
    const alive = !sidebar.isDetached() && shown === planted.accountName;
    console.log(
      `${String(sent).padStart(8)} sent  ${String(stats.ms).padStart(6)} ms (${Math.round((count / stats.ms) * 1000)}/s)  ` +
        `served ${JSON.stringify(counted)}  backend requests ${asked}  foreign messages ${received.foreign}  port replies ${received.portReplies}  ` +
        `sidebar ${alive ? 'unchanged' : 'CHANGED'}`,
    );
    if (Object.keys(counted.served).length + Object.keys(counted.refused).length + Object.keys(counted.failed).length) problems.push(`the background counted ${JSON.stringify(counted)}`);
    if (asked) problems.push(`${asked} backend requests during the flood`);
    if (received.foreign || received.portReplies) problems.push(`the page received ${received.foreign} foreign messages, ${received.portReplies} port replies`);
    if (!alive) problems.push(`the sidebar changed or went away: it shows ${JSON.stringify(shown)}, detached: ${sidebar.isDetached()}`);
    if (problems.length) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const delivered = await sidebar.evaluate(() => (window as unknown as { __messages: { count: number } }).__messages.count);
  const found = await hostile(page, 'whereIs', session.backend.token);
  const injected = await injectedIn(sidebar, browser.extensionId);
  if (found.places.length) problems.push(`the token is in the page's ${found.places.join(', ')}`);
  if (JSON.stringify(injected) !== JSON.stringify(NOTHING_INJECTED)) problems.push(`the sidebar holds ${JSON.stringify(injected)}`);
  if ((await hostile(page, 'pwned')).length) problems.push('a payload ran in the page');
  if (delivered !== toFrame) problems.push(`the sidebar page heard ${delivered} of the ${toFrame} messages sent to it`);
  const warnings = session.consoleLines.filter((line) => line.startsWith('[sidelight]'));
  if (warnings.length) problems.push(`${warnings.length} content-script warnings, e.g. ${warnings[0]}`);
  console.log('');
  console.log(`${sent} messages and events in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s); ${toFrame} to the sidebar frame, all delivered: ${delivered === toFrame}`);
  console.log(`refused by postMessage itself (functions, symbols, DOM nodes): ${refusedByBrowser}`);
  console.log(`served by the background: ${JSON.stringify(tallySince(tallyBefore, await session.tally()))}; backend requests: ${log.requests.length - requestsBefore}`);
  console.log(`token found in the page: ${found.places.length ? found.places.join(', ') : 'nowhere'}; sidebar heap after: ${(await heapMb(sidebar)).toFixed(1)} MB`);
} catch (error) {
  problems.push(String(error));
} finally {
  await session.stop();
}
for (const problem of problems) console.log(`PROBLEM ${problem}`);
console.log(problems.length ? 'FAILED' : 'nothing served, nothing leaked, the sidebar unchanged');
process.exit(problems.length ? 1 : 0);
