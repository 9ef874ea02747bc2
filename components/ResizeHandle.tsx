import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { SidebarSide } from '../lib/ext/host-preferences.ts';
import { PANEL_WIDTH, clampPanelWidth as clamp } from '../lib/ext/panel-geometry.ts';

const { min: MIN, max: MAX } = PANEL_WIDTH;
const STEP = 16;
/** Keys commit once the user stops pressing: every commit is a (rate-limited) storage write. */
const KEY_COMMIT_DELAY_MS = 400;

/**
 * The panel's inner edge (its left edge when docked right, its right edge when docked left), as a WAI-ARIA
 * window splitter: drag it, or focus it and use the arrow keys, which move the edge the way they point
 * (Home/End for the narrowest/widest). The frame itself is resized by the content script once the new
 * width is committed; meanwhile the handle shows the width it will take.
 */
export function ResizeHandle({ width, side = 'right', onResize }: { width: number; side?: SidebarSide; onResize: (width: number) => void }) {
  // Docked right, moving the edge left widens the panel; docked left, moving it right does.
  const outward = side === 'right' ? -1 : 1;
  const [preview, setPreview] = useState<number | null>(null);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const keyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(keyTimer.current), []);

  const commit = (next: number) => {
    setPreview(null);
    if (next !== width) onResize(next);
  };

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    // Screen coordinates: the frame's own origin moves as it is resized.
    drag.current = { startX: event.screenX, startWidth: width };
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (drag.current) setPreview(clamp(drag.current.startWidth + outward * (event.screenX - drag.current.startX)));
  }
  function onPointerUp() {
    if (!drag.current) return;
    drag.current = null;
    commit(preview ?? width);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = preview ?? width;
    const next = { ArrowLeft: current - outward * STEP, ArrowRight: current + outward * STEP, Home: MIN, End: MAX }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const clamped = clamp(next);
    setPreview(clamped);
    clearTimeout(keyTimer.current);
    keyTimer.current = setTimeout(() => commit(clamped), KEY_COMMIT_DELAY_MS);
  }

  const shown = preview ?? width;
  return (
    <>
      <div
        className={`resize-handle resize-handle--${side}`}
        role="separator"
        aria-orientation="vertical"
        aria-label="Sidebar width"
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={shown}
        tabIndex={0}
        data-testid="sidebar-resize"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
      {preview !== null && (
        <div className="resize-preview" role="status">
          {preview} px
        </div>
      )}
    </>
  );
}
