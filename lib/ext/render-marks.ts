import type { TabContext } from '../contract/messages.ts';

/** The performance mark the sidebar leaves each time it shows a context (read by `bench/sidebar.ts`). */
export const CONTEXT_RENDERED_MARK = 'sidelight:context-rendered';

export interface ContextRenderedDetail {
  url: string;
  origin: 'cache' | 'network';
  version: string;
  offline: boolean;
}

/** Call once a ready view is on screen (after React committed it). */
export function markContextRendered(view: Extract<TabContext, { state: 'ready' }>): void {
  const detail: ContextRenderedDetail = {
    url: view.detection.url,
    origin: view.origin,
    version: view.context.version,
    offline: view.offline !== null,
  };
  performance.mark(CONTEXT_RENDERED_MARK, { detail });
}
