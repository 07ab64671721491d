import fc from 'fast-check';
import type { Operation, Schema } from '../openapi';
import {
  anyJson,
  anyNumber,
  anyString,
  asText,
  edgeDate,
  encode,
  fieldBreaks,
  jsonText,
  RAW_ESCAPES,
  RAW_SEGMENTS,
  strangeValue,
  validValue,
  type KnownValues,
} from './values';

/** One request, ready to send. */
export interface FuzzRequest {
  method: string;
  path: string;
  /** The query string, already encoded, without the `?`. */
  query: string;
  headers: Record<string, string>;
  body?: { contentType: string; text: string };
}

type Json = Record<string, unknown> | unknown[];
type Path = (string | number)[];

/** Paths to every value inside a body, nested ones included. */
function pathsIn(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsIn(v, [...prefix, k])]);
}

function schemaAt(schema: Schema, path: Path): Schema {
  return path.reduce<Schema>(
    (s, key) => (typeof key === 'number' ? (s.items ?? {}) : (s.properties?.[key] ?? {})),
    schema,
  );
}

type Change =
  { kind: 'replace'; value: unknown } | { kind: 'remove' } | { kind: 'extra'; name: string; value: unknown };

/** A copy of the body with one place changed: a value replaced or removed, or a property added. */
function mutate(body: Json, path: Path, change: Change): unknown {
  if (path.length === 0 && change.kind === 'replace') return change.value;
  const copy = structuredClone(body);
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k], copy);
  const key = path[path.length - 1];
  const target = key === undefined ? copy : (parent as Record<string, unknown>)[key];
  if (change.kind === 'extra') {
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      // defineProperty: assigning `__proto__` would change the prototype instead of adding a key.
      Object.defineProperty(target, change.name, { value: change.value, enumerable: true, writable: true });
    }
  } else if (key === undefined) {
    return undefined;
  } else if (change.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else {
    (parent as Record<string, unknown>)[key] = change.value;
  }
  return copy;
}

const extraName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'role'),
  fc.string(),
);

/** A valid body with one place changed, chosen anywhere in it, nested fields included: null among the changes. */
function brokenBody(schema: Schema, valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom('replace', 'replace', 'null', 'remove', 'extra'))
    .chain(([body, choice, kind]) => {
      // Every place in the body, and the declared fields the valid body left out.
      const declared = Object.keys(schema.properties ?? {}).filter((k) => !(k in body));
      const paths = [[], ...pathsIn(body), ...declared.map((k) => [k])];
      const path = paths[choice % paths.length];
      if (kind === 'remove') return fc.constant(mutate(body, path, { kind }));
      if (kind === 'null') return fc.constant(mutate(body, path, { kind: 'replace', value: null }));
      if (kind === 'extra') {
        return fc.tuple(extraName, anyJson).map(([name, value]) => mutate(body, path, { kind, name, value }));
      }
      return strangeValue(schemaAt(schema, path)).map((value) => mutate(body, path, { kind, value }));
    });
}

type Body = FuzzRequest['body'];
const json = (value: unknown): Body => ({ contentType: 'application/json', text: jsonText(value) });
const notJson = fc
  .oneof(
    fc.string(),
    fc.constantFrom('{', '{"a":}', '[1,]', "{'a':1}", '\u0000', '{"a":1}{"b":2}', '"x"', '1'),
  )
  .map((text): Body => ({ contentType: 'application/json', text }));

/** A form post of the same fields: every value arrives as a string. */
function formOf(value: unknown): Body {
  const fields = value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return {
    contentType: 'application/x-www-form-urlencoded',
    text: new URLSearchParams(fields.map(([k, v]): [string, string] => [k, asText(v)])).toString(),
  };
}

/** Path segments: uuids, text of every kind, huge, raw escapes and traversal, dates near and far. */
const strangeSegment = fc.oneof(
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  { weight: 2, arbitrary: anyString.filter((s) => s.length > 0).map(encode) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 3000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 2, arbitrary: edgeDate },
);

/** A query value, encoded: text of every kind, raw escapes, huge, numbers of every size. */
const strangeQueryValue = fc.oneof(
  { weight: 4, arbitrary: anyString.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 3000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: anyNumber.map(String) },
  { weight: 1, arbitrary: edgeDate },
);

type Pairs = [string, string][];

/** The declared parameters, each left out or valid (required ones always there). */
function validQuery(op: Operation, known: KnownValues): fc.Arbitrary<Pairs> {
  const each = op.query.map((p) => {
    const given = validValue(p.schema, known).map((v): Pairs => [[p.name, encode(asText(v))]]);
    return p.required ? given : fc.oneof(fc.constant<Pairs>([]), given);
  });
  return fc.tuple(...each).map((pairs) => pairs.flat());
}

const unknownKey = (names: string[]) =>
  fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
      'a[b]',
      ...names.map((n) => `${n}[]`),
    ),
    fc.string({ minLength: 1 }).map(encode),
  );

/** The valid query with one thing strange: a declared parameter's value, a repeated key, or an unknown key. */
function strangeQuery(op: Operation, valid: fc.Arbitrary<Pairs>): fc.Arbitrary<Pairs> {
  const names = op.query.map((p) => p.name);
  return fc
    .tuple(
      valid,
      fc.constantFrom(
        ...(names.length > 0 ? (['replace', 'repeat', 'unknown'] as const) : (['unknown'] as const)),
      ),
      names.length > 0 ? fc.constantFrom(...names) : fc.constant(''),
      unknownKey(names),
      strangeQueryValue,
    )
    .map(([pairs, how, name, unknown, value]): Pairs => {
      if (how === 'unknown') return [...pairs, [unknown, value]];
      return [...(how === 'replace' ? pairs.filter(([k]) => k !== name) : pairs), [name, value]];
    });
}

/** Every declared parameter left out, valid or strange, each on its own, and perhaps keys nobody declared. */
function wildQuery(op: Operation, known: KnownValues): fc.Arbitrary<Pairs> {
  const names = op.query.map((p) => p.name);
  const each = op.query.map((p) =>
    fc.oneof(
      fc.constant<Pairs>([]),
      validValue(p.schema, known).map((v): Pairs => [[p.name, encode(asText(v))]]),
      strangeQueryValue.map((v): Pairs => [[p.name, v]]),
    ),
  );
  const extra = fc.array(fc.tuple(unknownKey(names), strangeQueryValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...each), extra).map(([pairs, more]) => [...pairs.flat(), ...more]);
}

/** Values for the headers the document declares (the Idempotency-Key): printable ASCII, as HTTP allows. */
function strangeHeaders(op: Operation): fc.Arbitrary<Record<string, string>> {
  if (op.headers.length === 0) return fc.constant({});
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 300,
  });
  return fc.tuple(fc.constantFrom(...op.headers), printable).map(([name, value]) => ({ [name]: value }));
}

interface Parts {
  params: string[];
  query: Pairs;
  headers: Record<string, string>;
  body: Body;
}

/**
 * Requests for one operation. A quarter valid as far as the document says, half valid but for one part
 * (a path parameter, the query, a header or the body, where one field is changed), a quarter strange all
 * through: requests that pass validation reach the services and the database, where 5xx hide.
 */
export function requests(
  op: Operation,
  known: KnownValues,
  options: { validOnly?: boolean } = {},
): fc.Arbitrary<FuzzRequest> {
  const segments = op.template.split('/');
  const validParams = fc.tuple(
    ...op.pathParams.map((name) => {
      const existing = known.path[segments[segments.indexOf(`{${name}}`) - 1]] ?? [];
      return existing.length > 0 ? fc.constantFrom(...existing) : fc.uuid();
    }),
  );
  const strangeParams = fc.tuple(...op.pathParams.map(() => strangeSegment));
  const query = validQuery(op, known);
  const schema = op.body;
  const validBody: fc.Arbitrary<unknown> = schema ? validValue(schema, known) : fc.constant(undefined);
  const noBody = op.method === 'GET';
  const valid: Record<keyof Parts, fc.Arbitrary<unknown>> = {
    params: validParams,
    query,
    headers: fc.constant({}),
    body: noBody ? fc.constant(undefined) : validBody.map((v) => (v === undefined ? undefined : json(v))),
  };
  const strange: Record<keyof Parts, fc.Arbitrary<unknown>> = {
    params: strangeParams,
    query: strangeQuery(op, query),
    headers: strangeHeaders(op),
    body: noBody
      ? fc.constant(undefined)
      : fc.oneof(
          ...(schema
            ? [{ weight: 6, arbitrary: brokenBody(schema, validBody as fc.Arbitrary<Json>).map(json) }]
            : []),
          { weight: 2, arbitrary: anyJson.map(json) },
          { weight: 1, arbitrary: notJson },
          { weight: 1, arbitrary: validBody.map(formOf) },
        ),
  };
  // All through strange, the query has each declared parameter strange or not on its own.
  const wild = { ...strange, query: wildQuery(op, known) };
  const parts = (which: (keyof Parts)[], from = strange) =>
    fc.record(
      Object.fromEntries(
        (Object.keys(valid) as (keyof Parts)[]).map((k) => [k, which.includes(k) ? from[k] : valid[k]]),
      ),
    ) as fc.Arbitrary<Parts>;
  const breakable = (Object.keys(valid) as (keyof Parts)[]).filter(
    (k) =>
      !(k === 'params' && op.pathParams.length === 0) &&
      !(k === 'headers' && op.headers.length === 0) &&
      !(k === 'body' && noBody),
  );
  return (
    options.validOnly
      ? parts([])
      : fc.oneof(
          { weight: 1, arbitrary: parts([]) },
          { weight: 2, arbitrary: fc.constantFrom(...breakable).chain((k) => parts([k])) },
          { weight: 1, arbitrary: parts(breakable, wild) },
        )
  ).map(({ params, query: pairs, headers, body }) => ({
    method: op.method,
    path: op.pathParams.reduce((p, name, i) => p.replace(`{${name}}`, params[i]), op.template),
    query: pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    headers,
    body,
  }));
}

/**
 * A sweep of each declared body field through fieldBreaks, beside valid values of the required fields
 * only (optional ones could refuse the body for their own reasons first): what random generation reaches
 * only now and then, every run. Path and query are valid; the values vary with the seed.
 */
export function fieldSweep(op: Operation, known: KnownValues, seed: number): FuzzRequest[] {
  const schema = op.body;
  if (!schema?.properties) return [];
  const cases = Object.entries(schema.properties).flatMap(([field, fieldSchema]) =>
    fieldBreaks(fieldSchema).map((value) => ({ field, value })),
  );
  const valid = fc.sample(requests(op, known, { validOnly: true }), { numRuns: cases.length, seed });
  const required = Object.fromEntries(
    Object.entries(schema.properties).filter(([field]) => schema.required?.includes(field)),
  );
  const bodies = fc.sample(validValue({ ...schema, properties: required }, known), {
    numRuns: cases.length,
    seed,
  });
  return cases.map(({ field, value }, i) => ({
    ...valid[i],
    body: json({ ...(bodies[i] as Record<string, unknown>), [field]: value }),
  }));
}
