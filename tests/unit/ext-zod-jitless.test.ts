import './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * An extension page or worker may not evaluate strings (MV3's CSP has no `unsafe-eval`). Zod 4 would: it
 * probes with `new Function('')` and compiles object parsers with `new Function(...)`. Watching the global
 * `Function` shows whether it still tries once the background's entry point has configured it.
 */
const RealFunction = Function;
const zodConfig = () => (globalThis as unknown as { __zod_globalConfig: { jitless?: boolean } }).__zod_globalConfig;
let evaluated: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.resetModules(); // schemas are built again, as in a newly started worker
  delete zodConfig()?.jitless;
  evaluated = vi.fn(function (...args: string[]) {
    return Reflect.construct(RealFunction, args);
  });
  vi.stubGlobal('Function', evaluated);
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete zodConfig()?.jitless;
});

async function parseSomeMessages() {
  const { MESSAGES, TabContext } = await import('../../lib/contract/messages.ts');
  MESSAGES['entity:get'].input.parse({ kind: 'account', id: 'acc_1' });
  MESSAGES['search:query'].input.parse({ q: 'northwind' });
  MESSAGES['detection:report'].input.parse({ ok: false, host: 'zendesk', url: 'https://acme.zendesk.com/agent/dashboard', reason: 'x', lookedFor: [] });
  TabContext.parse({ state: 'signed-out', reason: 'no-token' });
}

describe('zod in the extension', () => {
  it('evaluates strings unless configured (the control: the watch sees it)', async () => {
    await parseSomeMessages();
    expect(evaluated).toHaveBeenCalled();
  });

  it('never evaluates a string once the background entry point is loaded', async () => {
    await import('../../entrypoints/background.ts');
    await parseSomeMessages();
    expect(zodConfig().jitless).toBe(true);
    expect(evaluated).not.toHaveBeenCalled();
  });
});
