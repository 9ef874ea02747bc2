import { fakeBrowser } from './ext-fake-browser.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostAdapter } from '../../lib/hosts/types.ts';
import { runHostPage } from '../../lib/ext/host-page.ts';
import {
  DEFAULT_HOST_PREFERENCES,
  readHostPreferences,
  saveHostPreferences,
  watchHostPreferences,
} from '../../lib/ext/host-preferences.ts';
import { panelGeometry } from '../../lib/ext/panel-geometry.ts';

beforeEach(() => fakeBrowser.reset());

describe('the host preferences', () => {
  it('start with every host on and the sidebar on the right', async () => {
    expect(await readHostPreferences()).toEqual({ hosts: { zendesk: true, intercom: true, salesforce: true }, side: 'right' });
    expect(DEFAULT_HOST_PREFERENCES.side).toBe('right');
  });

  it('are remembered in storage.sync, where content scripts read them, and every page hears of a change', async () => {
    const seen: unknown[] = [];
    const stop = watchHostPreferences((preferences) => seen.push(preferences));
    const next = { hosts: { zendesk: true, intercom: false, salesforce: true }, side: 'left' } as const;
    await saveHostPreferences(next);
    expect(await readHostPreferences()).toEqual(next);
    expect((await fakeBrowser.storage.sync.get('hostPreferences')).hostPreferences).toEqual(next);
    expect(seen).toEqual([next]);
    stop();
    await saveHostPreferences(DEFAULT_HOST_PREFERENCES);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['nonsense', 'off', { hosts: { zendesk: true, intercom: true, salesforce: true }, side: 'right' }],
    ['a host switched off, an unknown host and side', { hosts: { salesforce: false, myspace: false }, side: 'top' }, { hosts: { zendesk: true, intercom: true, salesforce: false }, side: 'right' }],
    ['a host that is not a boolean', { hosts: { zendesk: 'no', intercom: 0 }, side: 'left' }, { hosts: { zendesk: true, intercom: true, salesforce: true }, side: 'left' }],
  ])('read %s as usable preferences (a host is off only when it says false)', async (_name, stored, expected) => {
    await fakeBrowser.storage.sync.set({ hostPreferences: stored });
    expect(await readHostPreferences()).toEqual(expected);
  });
});

describe('a host switched off', () => {
  it('gets nothing from its content script: no reading, no report, no sidebar', async () => {
    await saveHostPreferences({ ...DEFAULT_HOST_PREFERENCES, hosts: { ...DEFAULT_HOST_PREFERENCES.hosts, zendesk: false } });
    const read = vi.fn();
    const adapter = { id: 'zendesk', matches: [], lookedFor: [], detect: read, read } as unknown as HostAdapter;
    const ctx = { isValid: true, addEventListener: vi.fn(), onInvalidated: vi.fn(), setTimeout: vi.fn() } as unknown as ContentScriptContext;
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await runHostPage(ctx, adapter);
    expect(read).not.toHaveBeenCalled();
    expect(sendMessage).not.toHaveBeenCalled();
    expect(ctx.addEventListener).not.toHaveBeenCalled();
  });
});

describe('the panel geometry', () => {
  it.each([
    ['right', false, { right: '0', left: 'auto', width: '400px', height: '100vh' }, 400],
    ['left', false, { left: '0', right: 'auto', width: '400px', height: '100vh' }, 400],
    ['left', true, { left: '0', right: 'auto', width: '32px', height: '132px', top: '96px' }, 32],
  ] as const)('docks the frame on the %s (collapsed: %s) and narrows the host page from there', (side, collapsed, frame, margin) => {
    const geometry = panelGeometry({ collapsed, width: 400 }, side);
    expect(geometry.frame).toMatchObject(frame);
    expect(geometry).toMatchObject({ dockMarginPx: margin, side });
  });

  it('docks on the right unless told otherwise', () => {
    expect(panelGeometry({ collapsed: false, width: 360 })).toMatchObject({ side: 'right', frame: { right: '0' } });
  });
});
