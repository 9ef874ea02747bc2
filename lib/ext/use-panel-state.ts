import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_PANEL_STATE, clampPanelWidth } from './panel-geometry.ts';
import type { PanelState } from './panel-geometry.ts';
import { readPanelState, savePanelState, watchPanelState } from './panel-state.ts';

/**
 * The panel's width and collapsed state as the sidebar page sees and changes them. A change is written to
 * storage, where the content script picks it up and moves the frame; every tab's sidebar follows it.
 */
export function usePanelState(): [PanelState | null, (change: Partial<PanelState>) => void] {
  const [state, setState] = useState<PanelState | null>(null);
  const current = useRef<PanelState | null>(null);
  current.current = state;

  useEffect(() => {
    let watched = false;
    const unwatch = watchPanelState((value) => {
      watched = true;
      setState(value);
    });
    void readPanelState().then((value) => {
      if (!watched) setState(value);
    });
    return unwatch;
  }, []);

  const update = useCallback((change: Partial<PanelState>) => {
    const merged = { ...(current.current ?? DEFAULT_PANEL_STATE), ...change };
    const next = { ...merged, width: clampPanelWidth(merged.width) };
    current.current = next;
    setState(next);
    void savePanelState(next);
  }, []);

  return [state, update];
}
