import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, type ListCursor } from './list-cursor';

const ID = '3f2b8c1e-6a4d-4e2f-9b1a-7c5d3e9f0a12';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
/** A time as the repository writes sort keys: ISO with microseconds. */
const keyOf = (time: Date, micros = '000') => time.toISOString().replace('Z', `${micros}Z`);

describe('list cursor', () => {
  it('reads back what it wrote', () => {
    const cursor: ListCursor = {
      sort: 'activity',
      order: 'desc',
      key: '2026-03-02T01:02:03.456789Z',
      id: ID,
    };
    expect(decodeCursor(encodeCursor(cursor), 'activity', 'desc')).toEqual(cursor);
  });

  it('reads back an item without a deadline in the deadline order', () => {
    const cursor: ListCursor = { sort: 'deadline', order: 'asc', key: 'infinity', id: ID };
    expect(decodeCursor(encodeCursor(cursor), 'deadline', 'asc')).toEqual(cursor);
  });

  it('reads back every time PostgreSQL can hold, in every order', () => {
    const times = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    const sorts = fc.constantFrom('submitted' as const, 'deadline' as const, 'activity' as const);
    const orders = fc.constantFrom('asc' as const, 'desc' as const);
    fc.assert(
      fc.property(
        times,
        fc.uuid(),
        sorts,
        orders,
        fc.integer({ min: 0, max: 999 }),
        (t, id, sort, order, us) => {
          const cursor = { sort, order, key: keyOf(t, String(us).padStart(3, '0')), id };
          expect(decodeCursor(encodeCursor(cursor), sort, order)).toEqual(cursor);
        },
      ),
    );
  });

  it('refuses a cursor made for another order', () => {
    const cursor = encodeCursor({ sort: 'submitted', order: 'desc', key: keyOf(new Date()), id: ID });
    expect(() => decodeCursor(cursor, 'deadline', 'asc')).toThrow(BadRequestException);
    expect(() => decodeCursor(cursor, 'submitted', 'asc')).toThrow(BadRequestException);
  });

  it.each([
    ['a time JavaScript reads but PostgreSQL does not', `submitted|desc|99999|${ID}`],
    ['a year beyond 9999', `submitted|desc|+275760-09-13T00:00:00.000000Z|${ID}`],
    ['year 0, which PostgreSQL lacks', `submitted|desc|0000-01-01T00:00:00.000000Z|${ID}`],
    ['a date that does not exist', `submitted|desc|2026-02-30T00:00:00.000000Z|${ID}`],
    ['a date without its time', `submitted|desc|2026-01-01|${ID}`],
    ['infinity outside the deadline order', `submitted|desc|infinity|${ID}`],
    ['an id of 36 dashes', `submitted|desc|2026-01-01T00:00:00.000000Z|${'-'.repeat(36)}`],
    ['an unknown order', `title|desc|2026-01-01T00:00:00.000000Z|${ID}`],
    ['a fifth part', `submitted|desc|2026-01-01T00:00:00.000000Z|${ID}|x`],
    ['the old two-part form', `2026-01-01T00:00:00.000Z|${ID}`],
  ])('refuses %s with 400', (_what, text) => {
    expect(() => decodeCursor(cursorOf(text), 'submitted', 'desc')).toThrow(BadRequestException);
  });
});
