import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

/** The field error a refused cursor answers with. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return ((err as BadRequestException).getResponse() as { errors: unknown[] }).errors;
  }
  throw new Error('the cursor was accepted');
}

describe('timeline cursor', () => {
  it('reads back every seq the column holds, in both orders', () => {
    const orders = fc.constantFrom('oldest' as const, 'newest' as const);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), orders, (seq, order) => {
        expect(decodeTimelineCursor(encodeTimelineCursor({ order, seq }), order)).toEqual({ order, seq });
      }),
    );
  });

  it('stays within what the query DTO lets through', () => {
    for (const seq of [1, 2_147_483_647]) {
      expect(encodeTimelineCursor({ order: 'newest', seq })).toMatch(/^[A-Za-z0-9_-]{10,64}$/);
    }
  });

  it('refuses a cursor made for the other order, naming the field', () => {
    const cursor = encodeTimelineCursor({ order: 'oldest', seq: 50 });
    expect(refusal(() => decodeTimelineCursor(cursor, 'newest'))).toEqual([
      {
        field: 'cursor',
        code: 'list.unknown-cursor',
        reason: 'cursor belongs to the order oldest, not newest',
      },
    ]);
  });

  it.each([
    ['seq 0', 'timeline|oldest|0'],
    ['a negative seq', 'timeline|oldest|-1'],
    ['a seq beyond the int column', 'timeline|oldest|2147483648'],
    ['a seq with a leading zero', 'timeline|oldest|01'],
    ['a fractional seq', 'timeline|oldest|1.5'],
    ['an exponent', 'timeline|oldest|1e3'],
    ['an unknown order', 'timeline|asc|1'],
    [
      'a cursor of the item list',
      `submitted|desc|2026-01-01T00:00:00.000000Z|3f2b8c1e-6a4d-4e2f-9b1a-7c5d3e9f0a12`,
    ],
    ['a fourth part', 'timeline|oldest|1|x'],
    ['no seq', 'timeline|oldest|'],
    ['text that is not base64url', '!!!!!!!!!!!!'],
  ])('refuses %s with 400 list.unknown-cursor', (_what, text) => {
    const errors = refusal(() => decodeTimelineCursor(cursorOf(text), 'oldest'));
    expect(errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'list.unknown-cursor' })]);
  });
});
