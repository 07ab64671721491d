import {
  parseSuccessionCsv,
  planItem,
  reassignedUnits,
  reorganizationReason,
  successionOf,
  successorKindFits,
} from './reorganization';

describe('parseSuccessionCsv', () => {
  it('reads old_code,new_code lines after an optional header, ignoring blank lines, quotes and CRLF', () => {
    const file = '\uFEFFold_code,new_code\r\nxa-a,xa-moi\r\n\r\n"xa-b", "xa-moi"\r\nxa-c,xa-d\r\n';
    expect(parseSuccessionCsv(file)).toEqual({
      lines: [
        { line: 2, oldCode: 'xa-a', newCode: 'xa-moi' },
        { line: 4, oldCode: 'xa-b', newCode: 'xa-moi' },
        { line: 5, oldCode: 'xa-c', newCode: 'xa-d' },
      ],
      errors: [],
    });
  });

  it('takes a file without a header', () => {
    expect(parseSuccessionCsv('xa-a,xa-b').lines).toEqual([{ line: 1, oldCode: 'xa-a', newCode: 'xa-b' }]);
  });

  it('names every line it cannot read, and takes nothing from such a file', () => {
    const file = 'xa-a,xa-b\nxa-c\nxa-d,xa-e,xa-f\nxa-g,xa g\nxa-h,xa-h\nold_code,new_code\n';
    const parsed = parseSuccessionCsv(file);
    expect(parsed.lines).toEqual([]);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(parsed.errors[0].reason).toMatch(/2 columns/);
    expect(parsed.errors[3].reason).toMatch(/succeed itself/);
  });

  it('refuses a file longer than a nation of communes', () => {
    const file = Array.from({ length: 20_001 }, (_, i) => `xa-${i},xa-moi`).join('\n');
    expect(parseSuccessionCsv(file).errors).toEqual([{ line: 20_001, reason: 'at most 20000 lines' }]);
  });
});

describe('successionOf', () => {
  it('gives a unit named with one successor that one, and a unit named with several none', () => {
    expect(
      successionOf([
        { unitId: 'a', successorId: 'x' },
        { unitId: 'a', successorId: 'x' },
        { unitId: 'b', successorId: 'x' },
        { unitId: 'b', successorId: 'y' },
        { unitId: 'c', successorId: null },
      ]),
    ).toEqual({ a: 'x', b: null, c: null });
  });
});

describe('successorKindFits', () => {
  it('lets communes succeed communes, and other units other units', () => {
    expect(successorKindFits('commune', 'commune')).toBe(true);
    expect(successorKindFits('department', 'party-board')).toBe(true);
    expect(successorKindFits('commune', 'district')).toBe(false);
    expect(successorKindFits('department', 'commune')).toBe(false);
  });
});

describe('planItem', () => {
  const succession = { a: 'x', b: 'y', c: null };

  it('moves each ended unit that holds the item to its successor', () => {
    expect(planItem({ leadUnitId: 'a', coordinatingUnitIds: ['b', 'k'] }, succession)).toEqual({
      kind: 'move',
      moves: { a: 'x', b: 'y' },
    });
  });

  it('sends an item to review when any ended unit holding it has no single successor, never guessing', () => {
    expect(planItem({ leadUnitId: 'a', coordinatingUnitIds: ['c'] }, succession)).toEqual({
      kind: 'review',
      unitIds: ['c'],
    });
  });

  it('leaves an item no ended unit holds', () => {
    expect(planItem({ leadUnitId: 'x', coordinatingUnitIds: ['y'] }, succession)).toEqual({ kind: 'none' });
    expect(planItem({ leadUnitId: null, coordinatingUnitIds: [] }, succession)).toEqual({ kind: 'none' });
  });
});

describe('reassignedUnits', () => {
  it('replaces the lead and coordinating units, each once, and drops a coordinating unit that became lead', () => {
    expect(
      reassignedUnits({ leadUnitId: 'a', coordinatingUnitIds: ['b', 'x', 'k', 'y'] }, { a: 'x', b: 'y' }),
    ).toEqual({
      leadUnitId: 'x',
      coordinatingUnitIds: ['y', 'k'],
    });
  });
});

describe('reorganizationReason', () => {
  it('says by which decision the item moved, from which unit to which', () => {
    expect(
      reorganizationReason('Nghị quyết số 12/NQ-HĐND ngày 01/06/2026', { a: 'x' }, { a: 'Sở A', x: 'Sở X' }),
    ).toBe('Theo Nghị quyết số 12/NQ-HĐND ngày 01/06/2026: chuyển từ Sở A sang Sở X');
  });
});
