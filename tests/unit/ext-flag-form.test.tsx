// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlagButton } from '../../components/FlagControls.tsx';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let host: HTMLElement;
let root: Root;
let onFlag: ReturnType<typeof vi.fn<(note: string | undefined) => void>>;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  onFlag = vi.fn<(note: string | undefined) => void>();
  act(() => root.render(<FlagButton kind="person" recordLabel="Billing customer cus_9" onFlag={onFlag} />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const toggle = () => host.querySelector<HTMLButtonElement>('[data-testid="flag-toggle"]')!;
const form = () => host.querySelector<HTMLFormElement>('[data-testid="flag-form"]');
const note = () => host.querySelector('textarea')!;
function type(value: string) {
  // React tracks the value it set; the native setter makes the change visible to its onChange.
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(note(), value);
  note().dispatchEvent(new Event('input', { bubbles: true }));
}

describe('the flag button', () => {
  it('opens a note form with the focus in the note, and sends the note', () => {
    act(() => toggle().click());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(toggle().getAttribute('aria-controls')).toBe(form()!.id);
    expect(document.activeElement).toBe(note());
    act(() => type('  Different Nancy, same name  '));
    act(() => form()!.requestSubmit());
    expect(onFlag).toHaveBeenCalledWith('Different Nancy, same name');
    expect(form()).toBeNull();
  });

  it('sends no note when none was written', () => {
    act(() => toggle().click());
    act(() => form()!.requestSubmit());
    expect(onFlag).toHaveBeenCalledWith(undefined);
  });

  it('closes on Escape without flagging, and gives the focus back to the button', () => {
    act(() => toggle().click());
    act(() => type('never mind'));
    act(() => note().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(form()).toBeNull();
    expect(document.activeElement).toBe(toggle());
    expect(onFlag).not.toHaveBeenCalled();
    act(() => toggle().click());
    expect(note().value).toBe(''); // the abandoned note is gone
  });
});
