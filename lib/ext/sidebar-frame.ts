import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import { DEFAULT_PANEL_STATE, PANEL_WIDTH, panelGeometry } from './panel-geometry.ts';
import type { PanelState } from './panel-geometry.ts';
import { readPanelState, watchPanelState } from './panel-state.ts';
import { watchHostPreferences } from './host-preferences.ts';
import type { SidebarSide } from './host-preferences.ts';

export const SIDEBAR_WIDTH_PX = PANEL_WIDTH.default;

// The host page keeps its own controls in view: its content narrows by the panel's width, from the
// panel's side, instead of sitting under it. The style element is ours and leaves with the panel.
const dockCss = (marginPx: number, side: SidebarSide) => `html { margin-${side}: ${marginPx}px !important; }`;

const FRAME_STYLE: Record<string, string> = {
  position: 'fixed',
  top: '0',
  right: '0',
  bottom: '0',
  width: `${SIDEBAR_WIDTH_PX}px`,
  height: '100vh',
  margin: '0',
  padding: '0',
  border: '0',
  'z-index': '2147483646',
  display: 'block',
};

function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  // `important` so the host page's own stylesheet cannot move or hide the panel.
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}

/**
 * Docks the sidebar page (extension origin, so the host page cannot read it) on the side of the viewport
 * the options chose, and follows a change of side while the page is open. The frame is appended to
 * <html>, outside <body>, so a host app that re-renders its body keeps it.
 */
export function mountSidebarFrame(ctx: ContentScriptContext, initialSide: SidebarSide): void {
  const ui = createIframeUi<{ dock: HTMLStyleElement; unwatch: () => void }>(ctx, {
    page: '/sidebar.html',
    position: 'inline',
    anchor: 'html',
    onMount(wrapper, iframe) {
      wrapper.setAttribute('data-sidelight', 'sidebar');
      setStyles(wrapper, FRAME_STYLE);
      setStyles(iframe, { ...FRAME_STYLE, position: 'absolute', height: '100%', width: '100%' });
      iframe.title = 'Sidelight';
      const dock = document.createElement('style');
      dock.dataset.sidelight = 'dock';
      document.head.append(dock);
      // Width and collapsed state are the sidebar page's to change (panel-state.ts), the side the options
      // page's (host-preferences.ts); hidden until the panel state is read.
      let state: PanelState = DEFAULT_PANEL_STATE;
      let side = initialSide;
      const apply = (visibility = 'visible') => {
        const { frame, dockMarginPx } = panelGeometry(state, side);
        setStyles(wrapper, { ...FRAME_STYLE, ...frame, visibility });
        dock.textContent = dockCss(dockMarginPx, side);
      };
      const applyState = (next: PanelState) => {
        state = next;
        apply();
      };
      apply('hidden');
      readPanelState().then(applyState, () => applyState(DEFAULT_PANEL_STATE));
      const unwatchState = watchPanelState(applyState);
      const unwatchSide = watchHostPreferences((preferences) => {
        side = preferences.side;
        apply(wrapper.style.getPropertyValue('visibility') || 'visible');
      });
      return {
        dock,
        unwatch: () => {
          unwatchState();
          unwatchSide();
        },
      };
    },
    onRemove(mounted) {
      mounted?.dock.remove();
      mounted?.unwatch();
    },
  });
  ui.mount();
}
