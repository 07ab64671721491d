import { parseVndAmount } from './amounts';

describe('parseVndAmount', () => {
  it.each([
    ['1500000000', '1500000000'],
    ['0', '0'],
    ['1.500.000.000', '1500000000'],
    ['1.500', '1500'],
    ['10.000.000.000', '10000000000'],
    ['1 500 000 000', '1500000000'],
    ['1\u00A0500\u00A0000', '1500000'],
    ['1\u202F500', '1500'],
    ['1,500,000,000', '1500000000'],
    ['  2.000.000  ', '2000000'],
    ['9999999999999999', '9999999999999999'],
    ['9.999.999.999.999.999', '9999999999999999'],
  ])('reads %j as %s đồng', (typed, digits) => {
    expect(parseVndAmount(typed)).toEqual({ ok: true, digits });
  });

  it.each([
    ['1,5', 'decimal'],
    ['1.5', 'decimal'],
    ['1500.00', 'decimal'],
    ['1.500.000,50', 'decimal'],
    ['1.500.000,000', 'decimal'],
    ['1,500,000.50', 'decimal'],
    ['1,500', 'ambiguous'],
    ['12,500', 'ambiguous'],
    ['10000000000000000', 'too-large'],
    ['10.000.000.000.000.000', 'too-large'],
    ['', 'format'],
    ['-1', 'format'],
    ['1e9', 'format'],
    ['01', 'format'],
    ['0.500', 'format'],
    ['1.500 000', 'format'],
    ['1.50.000', 'decimal'],
    ['1500,000.000', 'decimal'],
    ['mười triệu', 'format'],
    ['1.500.000 đồng', 'format'],
  ])('refuses %j: %s', (typed, problem) => {
    expect(parseVndAmount(typed)).toEqual({ ok: false, problem });
  });
});
