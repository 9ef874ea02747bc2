import fc from 'fast-check';
import { HOSTILE_NUMBERS, hostileText } from './hostile-values.ts';

/** The part of JSON Schema that @hono/zod-openapi emits for this API's requests. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

type Components = Record<string, JsonSchema>;

const validDateTimes = fc.date({ min: new Date('1990-01-02'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const dateTimes = fc.oneof(
  validDateTimes,
  fc.constantFrom('2024-02-30T00:00:00Z', '1000-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '9999-12-31T23:59:59Z', '2024-01-01T00:00:00+99:00', '2024-01-01', 'yesterday'),
);

/** Text within the schema's length bounds: a known id that fits, or plain text. */
function fittingText(schema: JsonSchema, known: readonly string[]): fc.Arbitrary<string> {
  const minLength = Math.max(schema.minLength ?? 0, 1);
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const fits = known.filter((k) => k.length >= minLength && k.length <= (schema.maxLength ?? Infinity) && !k.includes('\u0000'));
  const plain = fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
  return fits.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fits) }, { weight: 1, arbitrary: plain }) : plain;
}

/**
 * Values for a JSON schema. `fit`: values that meet the schema (so requests reach the handlers), drawn
 * from `known` (real entity, record and model ids) where a string fits. Otherwise: values that usually
 * fit and sometimes do not: text from the hostile list, numbers past the bounds, missing required fields,
 * extra fields, wrong types.
 */
export function schemaValue(schema: JsonSchema, components: Components, known: readonly string[], fit = false, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    return target ? schemaValue(target, components, known, fit, depth) : fc.jsonValue();
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => schemaValue(v, components, known, fit, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const fitting = fittingValue(schema, components, known, fit, depth);
  if (fit) return fitting;
  const wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE_NUMBERS), hostileText(known));
  return fc.oneof({ weight: depth === 0 ? 6 : 15, arbitrary: fitting }, { weight: 1, arbitrary: wrong });
}

function fittingValue(schema: JsonSchema, components: Components, known: readonly string[], fit: boolean, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fit ? fc.constantFrom(...schema.enum) : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileText(known) });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectValue(schema, components, known, fit, depth);
    case 'array': {
      const item = schema.items ? schemaValue(schema.items, components, known, fit, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const max = Math.min(schema.maxItems ?? 5, 25);
      if (fit) return fc.array(item, { minLength: Math.min(schema.minItems ?? 0, max), maxLength: Math.min(max, 4) });
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(item, { minLength: Math.min(schema.minItems ?? 0, max), maxLength: max }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 0, maxLength: (schema.maxItems ?? 5) + 3 }) },
      );
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      const inRange = fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) });
      if (fit) return inRange;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) }) },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, ...HOSTILE_NUMBERS) },
        { weight: 1, arbitrary: fc.double({ noNaN: true }) },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      if (schema.format === 'date-time') return fit ? validDateTimes : fc.oneof({ weight: 3, arbitrary: dateTimes }, { weight: 1, arbitrary: hostileText(known) });
      return fit ? fittingText(schema, known) : hostileText(known);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(schema: JsonSchema, components: Components, known: readonly string[], fit: boolean, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = Object.fromEntries(
    properties.map(([key, sub]) => {
      const value = schemaValue(sub, components, known, fit, depth + 1);
      return [key, fit && required.has(key) ? value : fc.option(value, { nil: undefined, freq: required.has(key) ? 20 : 3 })];
    }),
  );
  if (fit) return fc.record(fields);
  const extra = fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', '$where', ''), fc.jsonValue({ maxDepth: 1 })), { freq: 5 });
  return fc.record({ fields: fc.record(fields), extra }).map(({ fields: values, extra: added }) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
    if (added) Object.defineProperty(out, added[0], { value: added[1], enumerable: true, writable: true, configurable: true });
    return out;
  });
}
