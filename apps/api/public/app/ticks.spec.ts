// The UI's modules are plain ES modules without types; jest compiles them for this test (jest.config.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wholeTicks, wrapLabel } = require('./ticks.js') as {
  wholeTicks: (max: number, most?: number) => number[];
  wrapLabel: (text: string, width?: number, lines?: number) => string[];
};

describe('chart axis ticks', () => {
  it.each([
    [0, [0, 1]],
    [3, [0, 1, 2, 3]],
    [6, [0, 1, 2, 3, 4, 5, 6]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 2, 4, 6, 8, 10]],
    [23, [0, 5, 10, 15, 20, 25]],
    [99, [0, 20, 40, 60, 80, 100]],
    [1234, [0, 500, 1000, 1500]],
  ])('covers %p with whole, evenly spaced ticks', (max, ticks) => {
    expect(wholeTicks(max)).toEqual(ticks);
  });

  it('never skips a whole number below 7, and tops the axis with a tick at or above the largest value', () => {
    for (let max = 0; max <= 500; max++) {
      const ticks = wholeTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
      const step = ticks[1] - ticks[0];
      expect(ticks.every((v, i) => v === i * step)).toBe(true);
      if (max <= 6) expect(step).toBe(1);
    }
  });
});

describe('chart labels', () => {
  it('wraps a long unit name on two lines and marks what it leaves out', () => {
    const lines = wrapLabel('Sở Nông nghiệp và Phát triển nông thôn tỉnh Bến Tre', 26, 2);
    expect(lines).toEqual(['Sở Nông nghiệp và Phát', 'triển nông thôn tỉnh Bến…']);
    expect(lines.every((l) => l.length <= 26)).toBe(true);
  });

  it('keeps a short name whole, and cuts a word longer than a line', () => {
    expect(wrapLabel('Ban Tuyên giáo')).toEqual(['Ban Tuyên giáo']);
    expect(wrapLabel('Ủy ban nhân dân huyện Thạnh Phú')).toEqual(['Ủy ban nhân dân huyện', 'Thạnh Phú']);
    expect(wrapLabel('x'.repeat(40), 26)).toEqual([`${'x'.repeat(25)}…`]);
  });
});
