import { fakeBrowser } from './ext-fake-browser.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { readPanelState, savePanelState, watchPanelState } from '../../lib/ext/panel-state.ts';

beforeEach(() => fakeBrowser.reset());

describe('the panel state', () => {
  it('starts expanded at the default width', async () => {
    expect(await readPanelState()).toEqual({ collapsed: false, width: 360 });
  });

  it('is remembered, and every frame hears of a change', async () => {
    const seen: unknown[] = [];
    const stop = watchPanelState((state) => seen.push(state));
    await savePanelState({ collapsed: true, width: 420 });
    expect(await readPanelState()).toEqual({ collapsed: true, width: 420 });
    expect(seen).toEqual([{ collapsed: true, width: 420 }]);
    stop();
    await savePanelState({ collapsed: false, width: 420 });
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['nonsense', 'wide', { collapsed: false, width: 360 }],
    ['a width out of bounds', { collapsed: true, width: 9000 }, { collapsed: true, width: 480 }],
    ['a width that is not a number', { collapsed: 'yes', width: 'wide' }, { collapsed: false, width: 360 }],
  ])('reads %s as a usable state', async (_name, stored, expected) => {
    await fakeBrowser.storage.sync.set({ sidebarPanel: stored });
    expect(await readPanelState()).toEqual(expected);
  });
});
