/**
 * Generates hostile requests for every operation of an OpenAPI document: a catalogue, each entry
 * with the category it belongs to, so a run can print how many of each it tried. Routes come from
 * the document, so a route added later is covered without touching this file.
 */

export type Category =
  | 'auth: missing, forged, expired, revoked, malformed credentials'
  | 'malformed JSON'
  | 'oversized body'
  | 'prototype keys'
  | 'unknown fields'
  | 'wrong body shape'
  | 'control characters'
  | 'bidi characters'
  | 'CRLF injection'
  | 'lone surrogates and broken UTF-8'
  | 'wrong types'
  | 'huge and odd numbers'
  | 'odd strings (long, homoglyph, SQL-ish)'
  | 'bad ids (negative, float, NaN, huge…)'
  | 'other members\' ids'
  | 'cursor tampering'
  | 'invisible-only and line-breaking text'
  | 'ids past the database\'s int4 casts'
  | 'webhook targets inside the network'
  | 'bad query strings'
  | 'huge headers and query strings'
  | 'wrong content types'
  | 'idempotency key abuse'
  | 'forged and replayed captchas'
  | 'cookie sessions without CSRF'
  | 'wrong methods';

export type Actor = 'member' | 'admin' | 'none' | 'forged' | 'expired' | 'revoked' | 'session-cookie' | 'fresh-member';

export interface HostileCase {
  category: Category;
  /** e.g. `POST /api/v1/invitations/{id}/accept`: the operation the case targets. */
  operation: string;
  label: string;
  method: string;
  url: string;
  actor: Actor;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  payload?: string | Buffer | unknown;
  /** What must happen besides the invariants: refused with one of these statuses. */
  refusedWith?: number[];
}

export interface OpenApiOperation {
  method: string;
  path: string;
  parameters: { in: string; name: string; schema?: JsonSchema; required?: boolean }[];
  body: JsonSchema | null;
  /** The media types the document says the body may come as (a file upload takes more than JSON). */
  accepts: string[];
}

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  [key: string]: unknown;
}

export function operationsOf(document: { paths: Record<string, Record<string, any>> }): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        accepts: Object.keys(op.requestBody?.content ?? {}),
      });
    }
  }
  return operations;
}

/** Values a fixture supplies: ids the actor may use, and ids that belong to other members. */
export interface Fixture {
  /** A valid value for a path parameter of this operation (an id the actor may act on). */
  pathValue(operation: OpenApiOperation, name: string): string;
  /** Ids of the same kind that belong to someone else (never the actor's). */
  foreignPathValues(operation: OpenApiOperation, name: string): string[];
  /** A valid value for a body property (ids, emails, enums…); undefined: derive from the schema. */
  bodyValue(operation: OpenApiOperation, property: string, schema: JsonSchema): unknown;
  /** Cursors of the right shape for each list (keyset and offset), for tampering. */
  cursors: { keyset: string; offset: string };
  /** Which actor each operation runs as (admin routes: the admin). */
  actorFor(operation: OpenApiOperation): Actor;
}

const types = (schema: JsonSchema): string[] => {
  if (schema.anyOf) return schema.anyOf.flatMap(types);
  if (schema.oneOf) return schema.oneOf.flatMap(types);
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
};

const unwrap = (schema: JsonSchema): JsonSchema => {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  return options.find((option) => option.type !== 'null') ?? schema;
};

export function urlOf(operation: OpenApiOperation, values: Record<string, string>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? '1');
}

function pathParams(operation: OpenApiOperation): string[] {
  return [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

function validUrl(operation: OpenApiOperation, fixture: Fixture): string {
  const values: Record<string, string> = {};
  for (const name of pathParams(operation)) values[name] = fixture.pathValue(operation, name);
  return urlOf(operation, values);
}

/** A body that passes validation, from the schema and the fixture's values. */
export function validBody(operation: OpenApiOperation, fixture: Fixture): Record<string, unknown> | null {
  const schema = operation.body;
  if (!schema) return null;
  const body: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = schema.properties?.[name];
    if (!property) continue;
    body[name] = valueFor(operation, name, property, fixture);
  }
  return body;
}

function valueFor(operation: OpenApiOperation, name: string, raw: JsonSchema, fixture: Fixture): unknown {
  const given = fixture.bodyValue(operation, name, raw);
  if (given !== undefined) return given;
  const schema = unwrap(raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = types(schema)[0];
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(1, typeof schema.minimum === 'number' ? schema.minimum : 1);
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [valueFor(operation, name, schema.items, fixture)] : [];
    case 'object':
      return {};
    default:
      return schema.format === 'email' ? 'someone@example.com' : 'ok';
  }
}

// Raw JSON fragments (as text) for values JSON.stringify cannot produce, or produces differently.
const RAW = Symbol('raw');
interface RawJson {
  [RAW]: string;
}
const raw = (text: string): RawJson => ({ [RAW]: text });
const isRaw = (value: unknown): value is RawJson => typeof value === 'object' && value !== null && RAW in value;

/** JSON text of a body where some values are raw JSON fragments. */
function jsonWith(body: Record<string, unknown>): string {
  const parts = Object.entries(body).map(([key, value]) => `${JSON.stringify(key)}:${isRaw(value) ? value[RAW] : JSON.stringify(value)}`);
  return `{${parts.join(',')}}`;
}

const stringAttacks: { category: Category; label: string; value: unknown }[] = [
  { category: 'control characters', label: 'NUL inside', value: 'a\u0000b' },
  { category: 'control characters', label: 'NUL only', value: '\u0000' },
  { category: 'control characters', label: 'bell and escape (ANSI colour)', value: '\u0007\u001b[31mred\u001b[0m' },
  { category: 'control characters', label: 'C1 control', value: 'a\u0085b\u009b' },
  { category: 'bidi characters', label: 'right-to-left override', value: 'invoice\u202Efdp.exe' },
  { category: 'bidi characters', label: 'isolates', value: '\u2066admin\u2069' },
  { category: 'invisible-only and line-breaking text', label: 'zero-width characters only', value: '\u200B\u200D\u2060\uFEFF' },
  { category: 'invisible-only and line-breaking text', label: 'Hangul fillers only', value: '\u3164\u115F' },
  { category: 'invisible-only and line-breaking text', label: 'NEL inside', value: 'Ada\u0085Lovelace' },
  { category: 'invisible-only and line-breaking text', label: 'line and paragraph separators', value: 'Ada\u2028Love\u2029lace' },
  { category: 'CRLF injection', label: 'CRLF', value: 'line one\r\nline two' },
  { category: 'CRLF injection', label: 'header injection', value: 'x\r\nSet-Cookie: rapport_session=stolen\r\n\r\n<script>alert(1)</script>' },
  { category: 'lone surrogates and broken UTF-8', label: 'lone high surrogate', value: raw('"a\\ud800b"') },
  { category: 'lone surrogates and broken UTF-8', label: 'lone low surrogate', value: raw('"\\udfff"') },
  { category: 'lone surrogates and broken UTF-8', label: 'reversed pair', value: raw('"\\udc00\\ud800"') },
  { category: 'odd strings (long, homoglyph, SQL-ish)', label: '100,000 characters', value: 'x'.repeat(100_000) },
  { category: 'odd strings (long, homoglyph, SQL-ish)', label: 'zero-width and fullwidth homoglyphs', value: '\u200bａｄｍｉｎ\ufeff' },
  { category: 'odd strings (long, homoglyph, SQL-ish)', label: 'SQL and LIKE metacharacters', value: "'; drop table members; -- %_\\" },
  { category: 'odd strings (long, homoglyph, SQL-ish)', label: 'empty and blank', value: '   ' },
  { category: 'odd strings (long, homoglyph, SQL-ish)', label: 'emoji ZWJ sequences', value: '👩‍👩‍👧‍👦'.repeat(400) },
  { category: 'wrong types', label: 'number', value: 12345 },
  { category: 'wrong types', label: 'object', value: { $ne: null } },
  { category: 'wrong types', label: 'array', value: ['a'] },
  { category: 'wrong types', label: 'null', value: null },
  { category: 'wrong types', label: 'boolean', value: true },
];

const numberAttacks: { category: Category; label: string; value: unknown }[] = [
  { category: 'huge and odd numbers', label: '-1', value: -1 },
  { category: 'huge and odd numbers', label: '1.5', value: 1.5 },
  { category: 'huge and odd numbers', label: '1e309 (Infinity when parsed)', value: raw('1e309') },
  { category: 'huge and odd numbers', label: '-1e309', value: raw('-1e309') },
  { category: 'huge and odd numbers', label: '22 digits', value: raw('9999999999999999999999') },
  { category: 'huge and odd numbers', label: 'MAX_SAFE_INTEGER + 2', value: raw('9007199254740993') },
  { category: 'huge and odd numbers', label: '1e-400 (underflows to 0)', value: raw('1e-400') },
  { category: 'huge and odd numbers', label: '-0', value: raw('-0') },
  { category: 'wrong types', label: 'numeric string', value: '5' },
  { category: 'wrong types', label: '"NaN"', value: 'NaN' },
  { category: 'wrong types', label: 'null', value: null },
  { category: 'wrong types', label: 'array', value: [1] },
];

const badIds: { label: string; value: string }[] = [
  { label: 'negative', value: '-1' },
  { label: 'zero', value: '0' },
  { label: 'float', value: '1.5' },
  { label: 'NaN', value: 'NaN' },
  { label: 'Infinity', value: 'Infinity' },
  { label: 'exponent', value: '1e3' },
  { label: 'hex', value: '0x1F' },
  { label: 'leading zeros', value: '00001' },
  { label: '16 digits (past the id range)', value: '9'.repeat(16) },
  { label: '25 digits', value: '9'.repeat(25) },
  { label: 'Arabic-Indic digits', value: encodeURIComponent('١٢٣') },
  { label: 'encoded NUL', value: '1%00' },
  { label: 'encoded space', value: '%201' },
  { label: 'path traversal', value: '..%2F..%2Fadmin' },
  { label: 'SQL', value: "1'%20or%20'1'%3D'1" },
  { label: '300 characters (past maxParamLength)', value: '1'.repeat(300) },
  { label: 'broken percent-encoding', value: '1%E0%A4%A' },
];

const hugeValidIds = ['999999999999999', '2147483648', '4294967296'];

const internalTargets = [
  'http://127.0.0.1:9/hook',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://localhost/hook',
  'http://0x7f.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://[fd00:ec2::254]/latest/',
  'http://[fe80::1]/hook',
  'http://10.0.0.1/hook',
  'http://192.168.0.1/hook',
  'http://0.0.0.0/hook',
];

const cursorAttacks = (valid: { keyset: string; offset: string }): { label: string; value: string }[] => {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  return [
    { label: 'random base64url', value: b64('hello world') },
    { label: 'keyset with id 0', value: b64('2020-01-01T00:00:00.000Z|0') },
    { label: 'keyset with a negative id', value: b64('2020-01-01T00:00:00.000Z|-5') },
    { label: 'keyset with an impossible date', value: b64('2020-13-45T99:99:99.999Z|5') },
    { label: 'keyset in the year 0000', value: b64('0000-01-01T00:00:00.000Z|5') },
    { label: 'keyset on 31 February', value: b64('2026-02-31T00:00:00.000Z|5') },
    { label: 'keyset at hour 24', value: b64('2026-01-01T24:00:00.000Z|5') },
    { label: 'keyset with a 15-digit id', value: b64('2026-01-01T00:00:00.000Z|999999999999999') },
    { label: 'keyset with SQL', value: b64("2020-01-01T00:00:00.000Z|1' or 1=1 --") },
    { label: 'keyset with 25-digit id', value: b64(`2020-01-01T00:00:00.000Z|${'9'.repeat(25)}`) },
    { label: 'offset negative', value: b64('o|-1') },
    { label: 'offset huge', value: b64('o|99999999999') },
    { label: 'offset cursor on any list', value: valid.offset },
    { label: 'keyset cursor on any list', value: valid.keyset },
    { label: 'one character changed', value: valid.keyset.slice(0, -2) + (valid.keyset.endsWith('A') ? 'B' : 'A') + valid.keyset.slice(-1) },
    { label: 'padding and plus', value: `${valid.keyset}==+/` },
    { label: '600 characters', value: 'A'.repeat(600) },
    { label: 'encoded NUL', value: '%00' },
    { label: 'JSON', value: encodeURIComponent('{"id":1}') },
  ];
};

/** `valid`: JSON that parses (a refusal then comes from validation, or the body is ignored). */
const malformedJson: { label: string; text: string; valid?: boolean }[] = [
  { label: 'truncated', text: '{"a": ' },
  { label: 'trailing comma', text: '{"a": 1,}' },
  { label: 'single quotes', text: "{'a': 1}" },
  { label: 'NaN literal', text: '{"a": NaN}' },
  { label: 'comment', text: '{"a": 1 /* x */}' },
  { label: 'two documents', text: '{}{}' },
  { label: 'byte-order mark', text: '\ufeff{}', valid: true },
  { label: 'nested 5,000 deep', text: `${'['.repeat(5000)}${']'.repeat(5000)}`, valid: true },
  { label: 'unterminated string with a newline', text: '{"a": "x\n' },
  { label: 'whitespace only', text: '   ' },
];

const prototypeBodies: { label: string; text: string }[] = [
  { label: '__proto__ at the top', text: '{"__proto__": {"role": "admin", "isAdmin": true}}' },
  { label: 'constructor.prototype', text: '{"constructor": {"prototype": {"role": "admin"}}}' },
  { label: '__proto__ nested', text: '{"a": {"b": {"__proto__": {"polluted": 1}}}}' },
];

export interface CatalogueOptions {
  /**
   * Every variant on every operation (about 3,600 requests) instead of a rotating selection
   * (each operation gets a different few of each list of variants; every variant is used
   * somewhere; about 800 requests).
   */
  full?: boolean;
}

/** Every hostile case for every operation of the document. */
export function buildCatalogue(operations: OpenApiOperation[], fixture: Fixture, options: CatalogueOptions = {}): HostileCase[] {
  const cases: HostileCase[] = [];
  let rotation = 0;
  /** `count` items of `list`, a different window each call, or all of them in full mode. */
  const pick = <T>(list: readonly T[], count: number): T[] => {
    if (options.full || count >= list.length) return [...list];
    const start = rotation++ * count;
    return Array.from({ length: count }, (_, i) => list[(start + i) % list.length]!);
  };
  const json = { 'content-type': 'application/json' };
  for (const operation of operations) {
    const opName = `${operation.method} ${operation.path}`;
    const actor = fixture.actorFor(operation);
    const url = validUrl(operation, fixture);
    const body = validBody(operation, fixture);
    const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(operation.method);
    const base = { operation: opName, method: operation.method, actor } as const;
    const bodyPayload = body ?? undefined;
    const add = (c: Omit<HostileCase, 'operation' | 'method' | 'actor'> & Partial<Pick<HostileCase, 'actor' | 'method'>>) => cases.push({ ...base, ...c });

    // Credentials: every operation, public ones included (a bad bearer token is refused anywhere).
    const credentials: { label: string; actor: Actor; headers?: Record<string, string> }[] = [
      { label: 'forged bearer token', actor: 'forged' },
      { label: 'expired bearer token', actor: 'expired' },
      { label: 'revoked bearer token', actor: 'revoked' },
      { label: 'Basic scheme', actor: 'none', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
      { label: 'Bearer without token', actor: 'none', headers: { authorization: 'Bearer ' } },
      { label: 'token with spaces and quotes', actor: 'none', headers: { authorization: 'Bearer "abc def"' } },
      { label: '2 KB token', actor: 'none', headers: { authorization: `Bearer ${'A'.repeat(2048)}` } },
    ];
    // Photos are served to anyone at their unguessable addresses, as images are.
    const isPublic = operation.path.includes('/auth/') || operation.path.includes('/_test/') || operation.path.startsWith('/api/v1/photos/');
    if (!isPublic) {
      credentials.push({ label: 'no credentials', actor: 'none' }, { label: 'forged session cookie', actor: 'none', headers: { cookie: 'rapport_session=forged-session-value-000000000000' } });
    }
    for (const credential of pick(credentials, 2)) {
      add({ category: 'auth: missing, forged, expired, revoked, malformed credentials', label: credential.label, url, actor: credential.actor, ...(credential.headers ? { headers: credential.headers } : {}), payload: bodyPayload, refusedWith: credential.actor === 'none' && !credential.headers?.authorization ? [401, 422] : [401] });
    }
    if (operation.path.startsWith('/api/v1/admin/')) {
      add({ category: 'auth: missing, forged, expired, revoked, malformed credentials', label: 'a plain member on an admin route', url, actor: 'member', payload: bodyPayload, refusedWith: [403] });
    }
    if (hasBody && !operation.path.includes('/auth/') && !operation.path.includes('/_test/') && operation.method !== 'GET') {
      add({ category: 'cookie sessions without CSRF', label: 'valid session cookie, no CSRF header', url, actor: 'session-cookie', payload: bodyPayload, refusedWith: [403] });
    }

    // Wrong methods on a known path.
    const other = operation.method === 'GET' ? 'PUT' : 'GET';
    const sameMethodExists = operations.some((o) => o.path === operation.path && o.method === other);
    if (!sameMethodExists && (options.full || operations.indexOf(operation) % 2 === 0)) add({ category: 'wrong methods', label: `${other} instead of ${operation.method}`, url, method: other, refusedWith: [404, 405] });

    // Path parameters.
    for (const name of pathParams(operation)) {
      for (const bad of pick(badIds, 2)) {
        const values: Record<string, string> = {};
        for (const p of pathParams(operation)) values[p] = p === name ? bad.value : fixture.pathValue(operation, p);
        add({ category: 'bad ids (negative, float, NaN, huge…)', label: `${name}: ${bad.label}`, url: urlOf(operation, values), payload: bodyPayload, refusedWith: [400, 404, 414, 422] });
      }
      // Ids the id pattern allows but no int4 holds: a cast in SQL once turned them into a 500.
      for (const big of pick(hugeValidIds, 1)) {
        const values: Record<string, string> = {};
        for (const p of pathParams(operation)) values[p] = p === name ? big : fixture.pathValue(operation, p);
        add({ category: "ids past the database's int4 casts", label: `${name}: ${big}`, url: urlOf(operation, values), payload: bodyPayload, refusedWith: [400, 403, 404, 409, 422] });
      }
      for (const foreign of fixture.foreignPathValues(operation, name)) {
        const values: Record<string, string> = {};
        for (const p of pathParams(operation)) values[p] = p === name ? foreign : fixture.pathValue(operation, p);
        add({ category: "other members' ids", label: `${name}: ${foreign}`, url: urlOf(operation, values), payload: bodyPayload, refusedWith: [403, 404, 409] });
      }
    }

    // Query strings.
    const query = operation.parameters.filter((p) => p.in === 'query');
    if (operation.method === 'GET') {
      add({ category: 'bad query strings', label: 'unknown parameter', url: `${url}?role=admin` });
      add({ category: 'huge headers and query strings', label: '64 KB query string', url: `${url}?${'a'.repeat(65_536)}=1` });
    }
    for (const parameter of query) {
      const schema = unwrap(parameter.schema ?? {});
      const name = parameter.name;
      const q = (value: string) => `${url}?${name}=${value}`;
      if (name === 'cursor') {
        for (const attack of pick(cursorAttacks(fixture.cursors), 3)) add({ category: 'cursor tampering', label: attack.label, url: q(attack.value) });
        continue;
      }
      const odd: [string, string][] = [
        ['empty', ''],
        ['repeated', `a&${name}=b`],
        ['encoded NUL', '%00'],
        ['control characters', '%07%1b%0d%0a'],
        ['bidi override', encodeURIComponent('\u202Eabc')],
        ['broken percent-encoding', '%E0%A4%A'],
        ['invalid UTF-8 bytes', '%C3%28%FF'],
        ['lone surrogate (CESU bytes)', '%ED%A0%80'],
        ['20,000 characters', 'q'.repeat(20_000)],
        ['array syntax', `x&${name}[]=y`],
        ['LIKE metacharacters', '%25_%5C'],
      ];
      // NUL always: PostgreSQL cannot store it, so it must be refused before any query.
      for (const [label, value] of [odd[2]!, ...pick(odd.filter((_, i) => i !== 2), 1)]) add({ category: label === '20,000 characters' ? 'huge headers and query strings' : 'bad query strings', label: `${name}: ${label}`, url: q(value) });
      const type = types(schema)[0];
      if (type === 'integer' || type === 'number' || name === 'limit') {
        const numbers: [string, string][] = [['-1', '-1'], ['0', '0'], ['101', '101'], ['1.5', '1.5'], ['NaN', 'NaN'], ['1e309', '1e309'], ['hex', '0x10'], ['22 digits', '9'.repeat(22)]];
        for (const [label, value] of pick(numbers, 2)) {
          add({ category: 'huge and odd numbers', label: `${name}: ${label}`, url: q(value) });
        }
      }
      if (schema.enum) add({ category: 'bad query strings', label: `${name}: not one of the values`, url: q('PENDING%00') });
    }

    // Headers.
    const bigHeaders: { label: string; headers: Record<string, string> }[] = [
      { label: '100 KB header', headers: { 'x-filler': 'x'.repeat(100_000) } },
      { label: '500 headers', headers: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h${i}`, 'v'])) },
    ];
    if (options.full || operations.indexOf(operation) % 2 === 1) for (const big of pick(bigHeaders, 1)) add({ category: 'huge headers and query strings', label: big.label, url, headers: big.headers, payload: bodyPayload });

    if (!hasBody) continue;
    // Bodies: content types, malformed JSON, prototype keys, shapes, sizes.
    const bodyText = JSON.stringify(body ?? {});
    const contentTypes: [string, string, string | Buffer][] = [
      ['text/plain', 'text/plain', bodyText],
      ['form-urlencoded', 'application/x-www-form-urlencoded', bodyText],
      ['multipart', 'multipart/form-data; boundary=x', bodyText],
      ['XML', 'application/xml', bodyText],
      ['JSON encoded as UTF-16', 'application/json; charset=utf-16', Buffer.from(bodyText, 'utf16le')],
      ['garbage media type', '}}}; ;;', bodyText],
    ];
    const wrongTypes = contentTypes.filter(([, type]) => !operation.accepts.includes(type.split(';')[0]!.trim()));
    for (const [label, type, text] of pick(wrongTypes, 1)) {
      add({ category: 'wrong content types', label, url, headers: { 'content-type': type }, payload: text, refusedWith: [400, 415] });
    }
    // JSON that parses is refused only where the body it stands for misses required fields; an
    // endpoint whose body is all optional takes it, and answers as it would anyway (e.g. 404).
    const bodyRequiresFields = (operation.body?.required ?? []).length > 0;
    for (const m of pick(malformedJson, 2)) add({ category: 'malformed JSON', label: m.label, url, headers: json, payload: m.text, ...(m.valid ? (bodyRequiresFields ? { refusedWith: [400, 422] } : {}) : { refusedWith: [400] }) });
    for (const p of pick(prototypeBodies, 1)) add({ category: 'prototype keys', label: p.label, url, headers: json, payload: p.text, refusedWith: [400] });
    const oversized: { label: string; payload: string | Buffer; refusedWith?: number[] }[] = [
      { label: '1.1 MB JSON', payload: JSON.stringify({ ...(body ?? {}), pad: 'x'.repeat(1_100_000) }), refusedWith: [413] },
      { label: '200,000-item array', payload: JSON.stringify({ ...(body ?? {}), list: Array.from({ length: 200_000 }, () => 1) }) },
      { label: 'invalid UTF-8 bytes', payload: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]) },
    ];
    for (const o of pick(oversized, 1)) add({ category: 'oversized body', label: o.label, url, headers: json, payload: o.payload, ...(o.refusedWith ? { refusedWith: o.refusedWith } : {}) });
    if (operation.body) {
      add({ category: 'unknown fields', label: 'extra "role": "admin"', url, headers: json, payload: { ...(body ?? {}), role: 'admin' }, refusedWith: [400, 422] });
      add({ category: 'unknown fields', label: 'extra "id"', url, headers: json, payload: { ...(body ?? {}), id: '1', memberId: '1', status: 'accepted' }, refusedWith: [400, 422] });
      const shapes: [string, string][] = [['array', '[]'], ['null', 'null'], ['string', '"hello"'], ['number', '42']];
      for (const [label, text] of pick(shapes, 1)) {
        add({ category: 'wrong body shape', label, url, headers: json, payload: text, refusedWith: [400, 422] });
      }
      for (const [name, rawSchema] of Object.entries(operation.body.properties ?? {})) {
        const schema = unwrap(rawSchema);
        const type = types(schema)[0];
        const attacks = type === 'integer' || type === 'number' ? numberAttacks : type === 'boolean' || type === 'array' || type === 'object' ? [...numberAttacks.slice(-4), ...stringAttacks.slice(-5)] : stringAttacks;
        const always = attacks === stringAttacks ? [stringAttacks[0]!] : [];
        for (const attack of [...always, ...pick(attacks.filter((a) => !always.includes(a)), type === 'integer' || type === 'number' ? 3 : 2)]) {
          add({ category: attack.category, label: `${name}: ${attack.label}`, url, headers: json, payload: jsonWith({ ...(body ?? {}), [name]: attack.value }) });
        }
        const idLike = /Ids?$/.test(name) || name === 'ids' || (schema.items ? unwrap(schema.items).pattern : schema.pattern)?.startsWith('^[1-9]');
        if (idLike) {
          for (const big of pick(hugeValidIds, 1)) add({ category: "ids past the database's int4 casts", label: `${name}: ${big}`, url, headers: json, payload: JSON.stringify({ ...(body ?? {}), [name]: type === 'array' ? [big] : big }) });
        }
        if (name === 'url') {
          for (const target of pick(internalTargets, 3)) add({ category: 'webhook targets inside the network', label: `${name}: ${target}`, url, headers: json, payload: JSON.stringify({ ...(body ?? {}), [name]: target }), refusedWith: [422] });
        }
        if (type === 'array') {
          add({ category: 'oversized body', label: `${name}: 100,000 items`, url, headers: json, payload: JSON.stringify({ ...(body ?? {}), [name]: Array.from({ length: 100_000 }, (_, i) => String(i + 1)) }) });
        }
      }
    }
    // Idempotency keys on POSTs.
    if (operation.method === 'POST') {
      const keys: [string, string][] = [['300-character key', 'k'.repeat(300)], ['empty key', ''], ['key with a tab', 'a\tb']];
      for (const [label, key] of pick(keys, 1)) {
        add({ category: 'idempotency key abuse', label, url, headers: { ...json, 'idempotency-key': key }, payload: bodyText, ...(label === 'key with a tab' ? {} : { refusedWith: [401, 422] }) });
      }
    }
  }
  return cases;
}
