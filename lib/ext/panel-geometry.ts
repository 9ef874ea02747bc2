import type { SidebarSide } from './host-preferences.ts';

/** The sidebar panel's size and state, and where that puts the frame: pure, shared by both sides. */
export interface PanelState {
  collapsed: boolean;
  width: number;
}

export const PANEL_WIDTH = { min: 320, max: 480, default: 360 } as const;
export const COLLAPSED_TAB = { width: 32, height: 132, top: 96 } as const;
export const DEFAULT_PANEL_STATE: PanelState = { collapsed: false, width: PANEL_WIDTH.default };

export function clampPanelWidth(width: number): number {
  if (!Number.isFinite(width)) return PANEL_WIDTH.default;
  return Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, width)));
}

/**
 * Where the frame sits and how far the host content moves aside. Expanded, the panel takes the full height
 * and the host page narrows by its width, from the side it docks on; collapsed, it is a small tab and the
 * page gives up only the tab's width, so the tab never covers the host's own controls.
 */
export function panelGeometry(
  state: PanelState,
  side: SidebarSide = 'right',
): { frame: Record<string, string>; dockMarginPx: number; side: SidebarSide } {
  const edge = side === 'left' ? { left: '0', right: 'auto' } : { right: '0', left: 'auto' };
  if (state.collapsed) {
    return {
      frame: {
        ...edge,
        top: `${COLLAPSED_TAB.top}px`,
        bottom: 'auto',
        width: `${COLLAPSED_TAB.width}px`,
        height: `${COLLAPSED_TAB.height}px`,
      },
      dockMarginPx: COLLAPSED_TAB.width,
      side,
    };
  }
  const width = clampPanelWidth(state.width);
  return { frame: { ...edge, top: '0', bottom: '0', width: `${width}px`, height: '100vh' }, dockMarginPx: width, side };
}
