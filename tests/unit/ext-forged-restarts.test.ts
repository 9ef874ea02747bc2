// @vitest-environment happy-dom
import { fakeBrowser } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refuseForgedRestarts } from '../../lib/ext/forged-restarts.ts';

// WXT's ContentScriptContext listens on `document` for a newer copy's announcement and stops when it
// hears one (wxt/utils/content-script-context, `listenForNewerScripts`); this listener stands in for it.
const type = () => `${fakeBrowser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
let stopped = 0;
const wxtListener = () => void (stopped += 1);

const announceNewerCopy = () =>
  document.dispatchEvent(new CustomEvent(type(), { detail: { contentScriptName: 'zendesk', messageId: 'someone-else' } }));

beforeEach(() => {
  stopped = 0;
  document.addEventListener(type(), wxtListener);
  refuseForgedRestarts();
});
afterEach(() => {
  document.removeEventListener(type(), wxtListener);
  vi.restoreAllMocks();
});

describe('a content script refusing forged restarts', () => {
  it('does not let WXT hear of a newer copy while the extension is alive: only the page can have sent it', () => {
    announceNewerCopy();
    expect(stopped).toBe(0);
  });

  it('lets WXT stop this copy once the extension was reloaded or updated (it is orphaned)', () => {
    const name = type();
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);
    document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'zendesk', messageId: 'newer' } }));
    expect(stopped).toBe(1);
  });
});
