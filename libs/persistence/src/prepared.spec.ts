import { PREPARED_LIMIT, prepared, preparedName } from './prepared';

describe('named statements', () => {
  it('names each marked text once, and at most PREPARED_LIMIT of them: past it a text runs unnamed', () => {
    const texts = Array.from({ length: PREPARED_LIMIT }, (_, i) => `SELECT ${i} AS n WHERE $1::int > 0`);
    const names = texts.map((text) => (prepared(text), preparedName(text)));
    expect(new Set(names).size).toBe(PREPARED_LIMIT);
    expect(names.every((name) => /^ngk_\d+$/.test(name ?? ''))).toBe(true);
    // Marked again: the same name.
    expect(preparedName(prepared(texts[7]))).toBe(names[7]);
    // One text too many keeps working as a text, without a name, and takes nothing from the others.
    const extra = 'SELECT $1::int AS past_the_limit';
    expect(prepared(extra)).toBe(extra);
    expect(preparedName(extra)).toBeUndefined();
    expect(preparedName(texts[0])).toBe(names[0]);
    expect(preparedName('SELECT never_marked')).toBeUndefined();
  });
});
