import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from './list-cursor';

const ID = '3f2b8c1e-6a4d-4e2f-9b1a-7c5d3e9f0a12';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('list cursor', () => {
  it('reads back what it wrote', () => {
    const createdAt = new Date('2026-03-02T01:02:03.456Z');
    expect(decodeCursor(encodeCursor(createdAt, ID))).toEqual({ createdAt: createdAt.toISOString(), id: ID });
  });

  it('reads back every time PostgreSQL can hold', () => {
    const times = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') });
    fc.assert(
      fc.property(times, fc.uuid(), (createdAt, id) => {
        expect(decodeCursor(encodeCursor(createdAt, id))).toEqual({ createdAt: createdAt.toISOString(), id });
      }),
    );
  });

  it.each([
    ['a time JavaScript reads but PostgreSQL does not', `99999|${ID}`],
    ['a year beyond 9999', `+275760-09-13T00:00:00.000Z|${ID}`],
    ['year 0, which PostgreSQL lacks', `0000-01-01T00:00:00.000Z|${ID}`],
    ['a date that does not exist', `2026-02-30T00:00:00.000Z|${ID}`],
    ['a date without its time', `2026-01-01|${ID}`],
    ['an id of 36 dashes', `2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`],
    ['a third part', `2026-01-01T00:00:00.000Z|${ID}|x`],
    ['no separator', '2026-01-01T00:00:00.000Z'],
  ])('refuses %s with 400', (_what, text) => {
    expect(() => decodeCursor(cursorOf(text))).toThrow(BadRequestException);
  });
});
