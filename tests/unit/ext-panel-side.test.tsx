// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResizeHandle } from '../../components/ResizeHandle.tsx';
import { SidebarPanel } from '../../components/SidebarPanel.tsx';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let host: HTMLElement;
let root: Root;
beforeEach(() => {
  vi.useFakeTimers();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const handle = () => host.querySelector<HTMLElement>('[role="separator"]')!;
const press = (key: string) => act(() => handle().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));

describe('the resize handle', () => {
  it.each([
    ['right', 'ArrowLeft', 376],
    ['right', 'ArrowRight', 344],
    ['left', 'ArrowRight', 376],
    ['left', 'ArrowLeft', 344],
  ] as const)('docked %s, moves the inner edge the way %s points', (side, key, width) => {
    const onResize = vi.fn();
    act(() => root.render(<ResizeHandle width={360} side={side} onResize={onResize} />));
    expect(handle().className).toContain(`resize-handle--${side}`);
    press(key);
    expect(handle().getAttribute('aria-valuenow')).toBe(String(width));
    act(() => vi.advanceTimersByTime(500));
    expect(onResize).toHaveBeenCalledWith(width);
  });
});

describe('the panel docked on the left', () => {
  it('mirrors the collapse button and the collapsed tab', () => {
    const onChange = vi.fn();
    act(() =>
      root.render(
        <SidebarPanel panel={{ collapsed: false, width: 360 }} side="left" busy={false} onChange={onChange}>
          <p>content</p>
        </SidebarPanel>,
      ),
    );
    expect(host.querySelector('.panel')?.getAttribute('data-side')).toBe('left');
    expect(host.querySelector('[data-testid="sidebar-collapse"]')?.textContent).toBe('⟨');
    act(() =>
      root.render(
        <SidebarPanel panel={{ collapsed: true, width: 360 }} side="left" busy={false} onChange={onChange}>
          <p>content</p>
        </SidebarPanel>,
      ),
    );
    const tab = host.querySelector('[data-testid="sidebar-expand"]')!;
    expect(tab.className).toContain('collapsed-tab--left');
    expect(tab.textContent).toBe('⟩Sidelight');
  });
});
