import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';

export const SIDEBAR_WIDTH_PX = 360;

// The host page keeps its own controls in view: its content narrows by the panel's width instead of
// sitting under it. The style element is ours and leaves with the panel.
const DOCK_CSS = `html { margin-right: ${SIDEBAR_WIDTH_PX}px !important; }`;

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
 * Docks the sidebar page (extension origin, so the host page cannot read it) on the right of the viewport.
 * The frame is appended to <html>, outside <body>, so a host app that re-renders its body keeps it.
 */
export function mountSidebarFrame(ctx: ContentScriptContext): void {
  const ui = createIframeUi<HTMLStyleElement>(ctx, {
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
      dock.textContent = DOCK_CSS;
      document.head.append(dock);
      return dock;
    },
    onRemove(dock) {
      dock?.remove();
    },
  });
  ui.mount();
}
