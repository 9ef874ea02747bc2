import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { SidebarSide } from '../lib/ext/host-preferences.ts';
import type { PanelState } from '../lib/ext/panel-geometry.ts';
import { ResizeHandle } from './ResizeHandle.tsx';
import './sidebar.css';

export interface SidebarPanelProps {
  /** Null until the saved state is read: shown expanded meanwhile. */
  panel: PanelState | null;
  /** The viewport edge the frame docks on: the resize handle and the tab sit on the other edge. */
  side?: SidebarSide;
  busy: boolean;
  onChange: (change: Partial<PanelState>) => void;
  children: ReactNode;
}

/**
 * The panel around the sidebar's content: a bar with the collapse button, and a handle to resize it.
 * Collapsed, the whole frame is one small tab that expands it again.
 */
export function SidebarPanel({ panel, side = 'right', busy, onChange, children }: SidebarPanelProps) {
  // Focus follows a toggle made here, so a keyboard user keeps their place; never on page load, where
  // it would pull focus out of the host app.
  const toggled = useRef(false);
  const toggle = (collapsed: boolean) => {
    toggled.current = true;
    onChange({ collapsed });
  };

  if (panel?.collapsed) {
    return <CollapsedTab focus={toggled.current} side={side} onExpand={() => toggle(false)} />;
  }
  return (
    <div className={`panel panel--${side}`} data-side={side}>
      {panel && <ResizeHandle width={panel.width} side={side} onResize={(width) => onChange({ width })} />}
      <main className="sidebar" aria-busy={busy}>
        <header className="sidebar__bar">
          <span className="sidebar__brand">Sidelight</span>
          <FocusableButton
            focus={toggled.current}
            className="icon-button"
            aria-label="Collapse Sidelight"
            aria-expanded={true}
            data-testid="sidebar-collapse"
            onClick={() => toggle(true)}
          >
            <span aria-hidden="true">{side === 'left' ? '⟨' : '⟩'}</span>
          </FocusableButton>
        </header>
        {children}
      </main>
    </div>
  );
}

function CollapsedTab({ focus, side, onExpand }: { focus: boolean; side: SidebarSide; onExpand: () => void }) {
  return (
    <FocusableButton
      focus={focus}
      className={`collapsed-tab collapsed-tab--${side}`}
      aria-label="Expand Sidelight"
      aria-expanded={false}
      data-testid="sidebar-expand"
      onClick={onExpand}
    >
      <span aria-hidden="true">{side === 'left' ? '⟩' : '⟨'}</span>
      <span className="collapsed-tab__label">Sidelight</span>
    </FocusableButton>
  );
}

type ButtonProps = React.ComponentProps<'button'> & { focus: boolean; 'data-testid': string };

function FocusableButton({ focus, ...props }: ButtonProps) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return <button ref={ref} type="button" {...props} />;
}
