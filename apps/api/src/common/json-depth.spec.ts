import fc from 'fast-check';
import { nestedDeeperThan } from './json-depth';

const deeper = (text: string, limit: number) => nestedDeeperThan(Buffer.from(text, 'utf8'), limit);

/** The nesting depth of a parsed value, the plain recursive way: the reference the scanner must match. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('JSON nesting depth', () => {
  it('counts arrays and objects alike, and scalars not at all', () => {
    expect(deeper('1', 0)).toBe(false);
    expect(deeper('"x"', 0)).toBe(false);
    expect(deeper('{}', 0)).toBe(true);
    expect(deeper('{}', 1)).toBe(false);
    expect(deeper('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(deeper('{"a":[{"b":[]}]}', 3)).toBe(true);
  });

  it('counts the deepest point, not the number of brackets', () => {
    expect(deeper('[[1],[2],[3],{"a":{}},[[]]]', 3)).toBe(false);
    expect(deeper(`[${'[],'.repeat(1000)}[]]`, 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(deeper('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(deeper('["\\"[[[["]', 1)).toBe(false);
    expect(deeper('["\\\\",[[]]]', 2)).toBe(true);
    expect(deeper('["\\\\\\"[[",[]]', 2)).toBe(false);
    expect(deeper('{"[[[": {"]]]": "{{{"}}', 2)).toBe(false);
    expect(deeper('["đường 26 [Hòa Lợi]", ["Tết {2027}"]]', 2)).toBe(false);
  });

  it('reads what JSON.parse reads', () => {
    const value = { a: ['\\"[', { b: '"]}' }], c: [[['{']]] };
    const text = JSON.stringify(value);
    expect(deeper(text, 3)).toBe(true);
    expect(deeper(text, 4)).toBe(false);
  });

  it('agrees with the depth of the parsed value on any JSON, whatever its strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat(8), (value, limit) => {
        expect(deeper(JSON.stringify(value), limit)).toBe(depthOf(value) > limit);
      }),
    );
  });

  it('stops at the limit on 100,000 brackets, without a stack', () => {
    const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(nestedDeeperThan(deep, 32)).toBe(true);
    expect(nestedDeeperThan(deep, 100_000)).toBe(false);
    expect(nestedDeeperThan(Buffer.from('{"a":'.repeat(100_000)), 32)).toBe(true);
  });

  it('leaves malformed text to the parser', () => {
    expect(deeper(']]]]][', 1)).toBe(false);
    expect(deeper('["unterminated [[[[', 1)).toBe(false);
  });
});
