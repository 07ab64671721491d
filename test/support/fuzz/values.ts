import fc from 'fast-check';
import type { Schema } from '../openapi';

/** Real values mixed into the inputs, so that some requests get past validation into the services. */
export interface KnownValues {
  /** Per collection (the path segment before a parameter: `units` in `/api/units/{id}`), what exists in it. */
  path: Record<string, string[]>;
  /** Ids of real rows, for fields and query parameters that take a uuid. */
  ids: string[];
}

/** Strings that have broken parsers, databases and URL handling before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '..',
  '../../etc/passwd',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '\uFEFF',
  '\uFFFF',
  '\uD800',
  '\u202E',
  'Đường 26 Hòa Lợi',
  '👩‍👩‍👧',
  '0000-01-01',
  '2026-02-30',
  '9999-12-31',
  '2026-01-01T00:00:00Z',
];

/** Percent-encodings sent as they are, undecodable ones among them. */
export const RAW_ESCAPES = [
  '%',
  '%zz',
  '%00',
  '%2e%2e',
  '%2F',
  '%2f..%2f',
  '%c0%ae',
  '%ff',
  '%E2%80%AE',
  '%u0041',
  '+',
];

/** Path segments sent as they are: traversal, numbers out of range, route syntax. */
export const RAW_SEGMENTS = [
  '..',
  '.',
  '-1',
  '0',
  '00',
  '1e3',
  '1.5',
  '99999999999999999999',
  '9223372036854775808',
  '0x10',
  'null',
  ':id',
  '{id}',
  '*',
  '~',
  "'",
  '"',
  '\\',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '2026-1-1',
  ...RAW_ESCAPES,
];

export const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Well-formed dates in years at the edges of what calendars, libraries and databases handle. */
export const edgeDate = fc
  .tuple(
    fc.constantFrom(1, 99, 100, 1899, 1970, 1999, 2000, 2100, 2101, 9999),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );

/** Characters that parsers, encoders and databases treat specially, to build strings from. */
const SHARP_CHARACTERS = ['\u0000', '\u0001', '\uD800', '\uFFFE', '"', '\\', '%', "'", '\n', 'đ', '😀', ' '];

/** Ordinary text with one such character inside: it passes the checks that look at type and length. */
const textWithSharp = fc
  .tuple(fc.string(), fc.constantFrom(...SHARP_CHARACTERS), fc.string())
  .map(([a, c, b]) => `Đường ${a}${c}${b} 26`);

export const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: textWithSharp },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...SHARP_CHARACTERS), minLength: 1 }) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
);

export const anyNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, -(2 ** 63)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value of any type, the wrong one mostly. */
const wrongTyped = fc.oneof(
  anyString,
  anyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(anyJson, { maxLength: 3 }),
  fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }),
);

/** A number written in JSON text that JSON.stringify cannot write: it parses to ±Infinity, 0 or a rounded value. */
class RawLiteral {
  constructor(readonly text: string) {}
}
const rawNumber = fc
  .constantFrom('1e999', '-1e999', '1e-999', '-0', '123456789012345678901234567890', '0.1e1')
  .map((t) => new RawLiteral(t));

/** JSON text of a value that may hold raw literals and own properties named `__proto__`. */
export function jsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawLiteral ? `\u0001raw${raws.push(v.text) - 1}\u0001` : v,
  );
  return (text ?? 'null').replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

/** Percent-encoded UTF-8; a lone surrogate, which UTF-8 cannot hold, goes as U+FFFD as any client sends it. */
export function encode(text: string): string {
  return encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));
}

/** A value as text in a form or a query string: objects and arrays as their JSON. */
export function asText(value: unknown): string {
  return value !== null && typeof value === 'object' ? jsonText(value) : String(value);
}

export const isDate = (example: unknown) =>
  typeof example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(example);

/** Lowercase words and dashes: fits the codes, usernames and texts of the API's bodies. */
const plainText = fc.stringMatching(/^[a-z][a-z0-9-]{9,30}$/);

/**
 * A value the schema allows, as far as the schema says: real ids for uuids, dates from 2000 to 2099, the
 * example or plain text for other strings (a fresh code or username, where the example is taken already).
 */
export function validValue(schema: Schema, known: KnownValues): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid') return fc.constantFrom(...known.ids);
  if (isDate(schema.example))
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (typeof schema.example === 'string') return fc.oneof(fc.constant(schema.example), plainText);
  if (schema.example !== undefined && schema.type !== 'object') return fc.constant(schema.example);
  switch (schema.type) {
    case 'string':
      return plainText;
    case 'number':
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 100 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known), { maxLength: 2 });
    case 'object': {
      const properties = schema.properties ?? {};
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s, known)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties), noNullPrototype: true },
      );
    }
    default:
      return anyJson;
  }
}

/**
 * A value that breaks what the schema says, or keeps its type with content that has broken code before:
 * the wrong type, text with NUL or lone surrogates, too long, out of range, a number JSON cannot round-trip.
 */
export function strangeValue(schema: Schema): fc.Arbitrary<unknown> {
  const sameType = isDate(schema.example)
    ? fc.oneof(edgeDate, anyString)
    : schema.type === 'string'
      ? anyString
      : schema.type === 'number' || schema.type === 'integer'
        ? anyNumber
        : wrongTyped;
  const tooLong = fc.constant('đ'.repeat((schema.maxLength ?? 20_000) + 1));
  const outOfRange = fc.constantFrom(
    schema.minimum === undefined ? -1 : schema.minimum - 1,
    (schema.maximum ?? 2 ** 53) + 1,
  );
  return fc.oneof(
    { weight: 3, arbitrary: wrongTyped },
    { weight: 3, arbitrary: sameType },
    { weight: 1, arbitrary: tooLong },
    { weight: 1, arbitrary: outOfRange },
    { weight: 1, arbitrary: rawNumber },
  );
}

/**
 * What each declared field of a body is set to in turn, one at a time: null, a value of another JSON type,
 * too much (too long, out of range, a date far off), text with U+0000, text with half a surrogate pair.
 */
export function fieldBreaks(schema: Schema): unknown[] {
  const numeric = schema.type === 'number' || schema.type === 'integer';
  const tooMuch = isDate(schema.example)
    ? '9999-12-31'
    : numeric
      ? (schema.maximum ?? 2 ** 53) + 1
      : schema.type === 'array'
        ? Array.from({ length: 1000 }, () => 'x')
        : 'đ'.repeat((schema.maxLength ?? 20_000) + 1);
  const otherType = schema.type === 'string' ? 12345 : schema.type === 'array' ? { 0: 'x' } : 'text';
  return [null, otherType, tooMuch, 'Đường\u0000 26', 'Đường \uD800 26'];
}
