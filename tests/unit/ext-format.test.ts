import { describe, expect, it } from 'vitest';
import { formatAge, formatConfidence, formatPropertyValue, webLink } from '../../components/format.ts';
import type { Property } from '../../lib/contract/index.ts';
import { COLLAPSED_TAB, PANEL_WIDTH, clampPanelWidth, panelGeometry } from '../../lib/ext/panel-geometry.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const number = (value: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
const amount = (value: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
const date = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

describe('formatPropertyValue', () => {
  it.each<[Property['format'], Property['value'], string, string | null]>([
    ['text', 'Enterprise', 'Enterprise', null],
    ['text', null, '—', null],
    ['text', '', '—', null],
    ['text', true, 'Yes', null],
    ['text', false, 'No', null],
    ['number', 12500, number(12500), null],
    ['number', 'many', 'many', null],
    ['currency', 1234.5, amount(1234.5), null],
    ['currency', '99', amount(99), null],
    ['percent', 0.25, '25%', null],
    ['date', '2026-01-10T08:00:00Z', date('2026-01-10T08:00:00Z'), null],
    ['date', 'not a date', 'not a date', null],
    ['url', 'northwind.example', 'northwind.example', 'https://northwind.example/'],
    ['url', 'https://northwind.example/pricing', 'https://northwind.example/pricing', 'https://northwind.example/pricing'],
    ['url', 'javascript:alert(1)', 'javascript:alert(1)', null],
    ['email', 'nancy@northwind.example', 'nancy@northwind.example', 'mailto:nancy@northwind.example'],
    ['email', 'not an email', 'not an email', null],
  ])('%s %j reads as %j', (format, value, text, href) => {
    expect(formatPropertyValue({ format, value })).toEqual({ text, href });
  });
});

describe('webLink', () => {
  it.each([
    ['acme.example', 'https://acme.example/'],
    ['http://acme.example/x', 'http://acme.example/x'],
    ['data:text/html,hi', null],
    ['localhost', null],
    ['', null],
  ])('%j -> %j', (value, expected) => {
    expect(webLink(value)).toBe(expected);
  });
});

describe('formatAge', () => {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
  it.each([
    [NOW - 3_000, 'just now'],
    [NOW - 45_000, rtf.format(-45, 'second')],
    [NOW - 5 * 60_000, rtf.format(-5, 'minute')],
    [NOW - 3 * 3600_000, rtf.format(-3, 'hour')],
    [NOW - 24 * 3600_000, rtf.format(-1, 'day')],
    [NOW - 90 * 24 * 3600_000, rtf.format(-3, 'month')],
    [NOW + 2 * 24 * 3600_000, rtf.format(2, 'day')],
  ])('%s', (at, expected) => {
    expect(formatAge(at, NOW)).toBe(expected);
  });
});

it('formats confidence as a percentage', () => {
  expect(formatConfidence(0.93)).toBe('93%');
  expect(formatConfidence(1)).toBe('100%');
});

describe('the panel geometry', () => {
  it.each([
    [200, PANEL_WIDTH.min],
    [400.4, 400],
    [9999, PANEL_WIDTH.max],
    [Number.NaN, PANEL_WIDTH.default],
  ])('clamps a width of %s to %s', (width, expected) => {
    expect(clampPanelWidth(width)).toBe(expected);
  });

  it('docks an expanded panel at its full height and moves the host content aside by its width', () => {
    expect(panelGeometry({ collapsed: false, width: 420 })).toEqual({
      frame: { right: '0', left: 'auto', top: '0', bottom: '0', width: '420px', height: '100vh' },
      dockMarginPx: 420,
      side: 'right',
    });
  });

  it('shrinks a collapsed panel to a tab, and gives up only the tab width', () => {
    const { frame, dockMarginPx } = panelGeometry({ collapsed: true, width: 420 });
    expect(frame).toMatchObject({ width: `${COLLAPSED_TAB.width}px`, height: `${COLLAPSED_TAB.height}px` });
    expect(dockMarginPx).toBe(COLLAPSED_TAB.width);
  });
});
