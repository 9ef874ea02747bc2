import { describe, expect, it } from 'vitest';
import { isoTime } from '../../server/demo/company.ts';
import { copyTextLines, copyTextValue } from '../../server/demo/copy-text.ts';
import { generateDemoCompany } from '../../server/demo/generate.ts';
import { createRandom } from '../../server/demo/random.ts';
import { ALL_TABLES } from '../../server/demo/tables.ts';
import { SCALES } from '../../server/demo/world.ts';

const now = new Date('2026-11-02T00:00:00.000Z');

describe('isoTime', () => {
  it.each([0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 1_767_225_599_999.7, 1_780_000_000_123.4, 253_402_300_799_999, -1, -86_400_001])(
    'formats %d as toISOString does',
    (ms) => expect(isoTime(ms)).toBe(new Date(ms).toISOString()),
  );

  it('agrees with toISOString on random moments', () => {
    const random = createRandom(5);
    for (let i = 0; i < 20_000; i++) {
      const ms = random.next() * 4e12;
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('COPY text encoding', () => {
  it.each([
    [null, 'text', '\\N'],
    ['plain', 'text', 'plain'],
    ['tab\there', 'text', 'tab\\there'],
    ['line\nbreak\r', 'text', 'line\\nbreak\\r'],
    ['back\\slash', 'text', 'back\\\\slash'],
    [true, 'boolean', 't'],
    [false, 'boolean', 'f'],
    [12.5, 'numeric(12,2)', '12.5'],
    [381_000_000_017, 'bigint', '381000000017'],
    [[], 'text[]', '{}'],
    [['acme.com', 'a,"b"'], 'text[]', '{"acme.com","a,\\\\"b\\\\""}'],
    [{ path: '/a\tb', n: 1 }, 'jsonb', '{"path":"/a\\\\tb","n":1}'],
  ] as const)('writes %j as a %s column', (value, type, text) => {
    expect(copyTextValue(value as never, type)).toBe(text);
  });

  it('writes one line per row, columns in order', () => {
    const columns = [['id', 'bigint'], ['name', 'text'], ['tags', 'text[]']] as const;
    expect(copyTextLines([{ id: 1, name: 'a', tags: ['x'] }, { id: 2, name: null, tags: [] }], columns)).toBe('1\ta\t{"x"}\n2\t\\N\t{}\n');
  });
});

describe('streamed events', () => {
  it('replay exactly the events a materialised company holds, ids in time order', () => {
    const held = generateDemoCompany({ seed: 3, now });
    const streamed = generateDemoCompany({ seed: 3, now, streamEvents: true });
    expect(streamed.streamed?.table).toBe('product.events');
    const replayed = [...streamed.streamed!.chunks(7_000)].flat().sort((a, b) => (a.id as number) - (b.id as number));
    expect(replayed.length).toBe(streamed.streamed!.count);
    // The materialised table ends with the planned bad events; the streamed company holds only those.
    const text = (value: unknown) => JSON.stringify(value);
    expect(text([...replayed, ...streamed.tables['product.events']])).toBe(text(held.tables['product.events']));
    expect(text({ ...streamed, streamed: null, tables: { ...streamed.tables, 'product.events': [] } })).toBe(
      text({ ...held, tables: { ...held.tables, 'product.events': [] } }),
    );
    const outOfOrder = replayed.filter((event, i) => i > 0 && (event.occurred_at as string) < (replayed[i - 1]!.occurred_at as string));
    expect(outOfOrder).toEqual([]);
  }, 120_000);
});

describe('random streams', () => {
  it('a clone repeats the stream from where it was taken', () => {
    const random = createRandom(9);
    random.next();
    const clone = random.clone();
    expect(Array.from({ length: 5 }, clone.next)).toEqual(Array.from({ length: 5 }, random.next));
  });
});

describe('scales', () => {
  it('grow by accounts, people and events, and list a bounded sample beyond small', () => {
    expect(SCALES.small.listed).toBeGreaterThanOrEqual(SCALES.small.accounts);
    expect(SCALES.medium.accounts).toBe(10_000);
    expect(SCALES.medium.events).toBe(1_000_000);
    expect(SCALES.large.accounts).toBe(100_000);
    expect(SCALES.large.events).toBe(10_000_000);
    for (const scale of [SCALES.medium, SCALES.large]) expect(scale.listed).toBeLessThan(scale.accounts);
  });
});
