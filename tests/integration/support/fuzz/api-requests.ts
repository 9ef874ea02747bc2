import fc from 'fast-check';
import { encodeSegment, hostileSegment, hostileText } from './hostile-values.ts';
import { schemaValue, type JsonSchema } from './json-schema-arbitrary.ts';

/** One operation of the OpenAPI document, as much of it as a fuzzer needs. */
export interface Operation {
  method: string;
  path: string;
  params: { in: 'path' | 'query' | 'header'; name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}

/** Who sends the request: a role's token, or one of the ways a credential goes wrong. */
export const CALLERS = ['support_agent', 'account_exec', 'cs_rep', 'admin', 'none', 'unknown', 'revoked', 'expired', 'malformed', 'huge'] as const;
export type Caller = (typeof CALLERS)[number];

export interface FuzzRequest {
  caller: Caller;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const HUGE = 'h'.repeat(64 * 1024);

/** Mostly real roles, so most requests get past authentication; every broken credential still often. */
const callerArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Caller>('support_agent', 'account_exec', 'cs_rep', 'admin') },
  { weight: 1, arbitrary: fc.constantFrom<Caller>('none', 'unknown', 'revoked', 'expired', 'malformed', 'huge') },
);

function authorization(caller: Caller, tokens: Record<string, string>): string | undefined {
  switch (caller) {
    case 'none':
      return undefined;
    case 'unknown':
      return 'Bearer sl_0000000000000000000000000000000000000000000';
    case 'malformed':
      return `Basic ${Buffer.from('admin:admin').toString('base64')}`;
    case 'huge':
      return `Bearer ${HUGE}`;
    default:
      return `Bearer ${tokens[caller]}`;
  }
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', ';;;', ''];

const junkBodies = fc.oneof(
  fc.constantFrom('', '{', '{not json', 'null', '[]', '"text"', '0', '\u0000', '{"a":1,}', '{"identifiers":[{"type":"email","value":"a@b"}]}'),
  fc.constantFrom('['.repeat(5000) + ']'.repeat(5000), JSON.stringify({ host: 'zendesk', identifiers: [{ type: 'email', value: 'x'.repeat(1_000_000) }] })),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
);

/**
 * A request to one operation: a third of them fit the contract (real ids, valid bodies) so the handlers
 * run, the rest have every part possibly wrong: the path ids, the query, the headers (credentials,
 * content type, a huge header, a junk Idempotency-Key or If-None-Match) and the body.
 */
export function requestArbitrary(op: Operation, components: Record<string, JsonSchema>, tokens: Record<string, string>, known: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 2, arbitrary: fuzzedRequest(op, components, tokens, known) }, { weight: 1, arbitrary: fittedRequest(op, components, tokens, known) });
}

/** Any generated value as query text (String() throws on an object without a prototype). */
const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));

const pathNamesOf = (op: Operation) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

function build(op: Operation, caller: Caller, tokens: Record<string, string>, parts: { pathValues: string[]; query: string[]; headers: Record<string, string | undefined>; body: string | undefined }): FuzzRequest {
  let path = op.path;
  pathNamesOf(op).forEach((name, i) => (path = path.replace(`{${name}}`, parts.pathValues[i]!)));
  const headers: Record<string, string> = {};
  const auth = authorization(caller, tokens);
  if (auth) headers.authorization = auth;
  for (const [key, value] of Object.entries(parts.headers)) if (value !== undefined) headers[key] = value;
  return { caller, method: op.method, url: parts.query.length ? `${path}?${parts.query.join('&')}` : path, headers, ...(parts.body !== undefined ? { body: parts.body } : {}) };
}

function fittedRequest(op: Operation, components: Record<string, JsonSchema>, tokens: Record<string, string>, known: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathParams = pathNamesOf(op).map((name) => op.params.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' });
  return fc
    .record({
      caller: fc.constantFrom<Caller>('support_agent', 'account_exec', 'cs_rep', 'admin'),
      pathValues: fc.tuple(...pathParams.map((schema) => schemaValue(schema, components, known, true).map((v) => encodeSegment(asText(v))))),
      query: fc.tuple(...queryParams.map((p) => fc.option(schemaValue(p.schema, components, known, true).map(asText), { freq: 2, nil: undefined }))),
      body: op.body ? schemaValue(op.body, components, known, true).map((v) => JSON.stringify(v)) : fc.constant(undefined),
      key: fc.uuid(),
    })
    .map(({ caller, pathValues, query, body, key }) =>
      build(op, caller, tokens, {
        pathValues,
        query: queryParams.flatMap((p, i) => (query[i] === undefined ? [] : [`${encodeSegment(p.name)}=${encodeSegment(query[i])}`])),
        headers: { 'content-type': body === undefined ? undefined : 'application/json', 'idempotency-key': key },
        body,
      }),
    );
}

function fuzzedRequest(op: Operation, components: Record<string, JsonSchema>, tokens: Record<string, string>, known: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const pathValues = fc.tuple(...pathNamesOf(op).map(() => hostileSegment(known)));
  const queryParams = op.params.filter((p) => p.in === 'query');
  const query = fc.tuple(
    fc.tuple(...queryParams.map((p) => fc.option(fc.oneof(schemaValue(p.schema, components, known).map(asText), hostileText(known)), { freq: 2, nil: undefined }))),
    fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'q', 'limit', '%zz', ''), hostileText()), { freq: 4, nil: undefined }),
    fc.boolean(),
  );
  const body = op.body
    ? fc.option(fc.oneof({ weight: 6, arbitrary: schemaValue(op.body, components, known).map((v) => JSON.stringify(v) ?? 'null') }, { weight: 2, arbitrary: junkBodies }), { freq: 12, nil: undefined })
    : op.method === 'GET'
      ? fc.constant(undefined)
      : fc.option(junkBodies, { freq: 2, nil: undefined });
  const extraHeaders = fc.record(
    {
      'content-type': fc.constantFrom(...CONTENT_TYPES),
      'idempotency-key': fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileText().map(headerSafe) }, { weight: 1, arbitrary: fc.constant('k'.repeat(300)) }),
      'if-none-match': fc.oneof(fc.constantFrom('*', 'W/"x"', '"', 'W/', ',,,', '"a", W/"b", *'), hostileText().map(headerSafe)),
      'x-fuzz': fc.constant(HUGE),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*', 'application/problem+json'),
    },
    { requiredKeys: [] },
  );
  const jsonType = fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean()));
  return fc.record({ caller: callerArbitrary, pathValues, query, body, extraHeaders, jsonType }).map(({ caller, pathValues: values, query: [queryValues, extra, repeat], body: payload, extraHeaders: extras, jsonType: json }) => {
    const pairs: string[] = [];
    queryParams.forEach((p, i) => {
      const value = queryValues[i];
      if (value === undefined) return;
      pairs.push(`${encodeSegment(p.name)}=${encodeSegment(value)}`);
      if (repeat) pairs.push(`${encodeSegment(p.name)}=${encodeSegment(value)}x`);
    });
    if (extra) pairs.push(`${extra[0]}=${encodeSegment(extra[1])}`);
    const headers: Record<string, string | undefined> = { ...extras };
    if (payload !== undefined && json) headers['content-type'] = 'application/json';
    return build(op, caller, tokens, { pathValues: values, query: pairs, headers, body: payload });
  });
}

/** Header values are bytes without control characters; fetch refuses anything else before it is sent. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').trim();
}
