// The UI's modules are plain ES modules without types; jest compiles them for this test (jest.config.js).
/* eslint-disable @typescript-eslint/no-require-imports */
const { refusalText } = require('./forms.js') as {
  refusalText: (code: string, options: { field?: string; params?: Record<string, unknown> }) => string;
};
const { setLang } = require('./i18n.js') as { setLang: (lang: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

export {}; // a module of its own: its names do not meet format.spec.ts's

describe('a refusal in words', () => {
  afterEach(() => setLang('vi'));

  it("writes the day an ended unit ended as the screens write days, with its successor's name", () => {
    const params = { validTo: '2020-12-31', successorNames: 'Xã Hòa Lợi mới' };
    expect(refusalText('reference.unit-ended', { field: 'localityUnitId', params })).toBe(
      'Đơn vị này đã chấm dứt hoạt động sau ngày 31/12/2020. Đơn vị kế thừa: Xã Hòa Lợi mới.',
    );
    setLang('en');
    expect(refusalText('reference.unit-ended', { params: { validTo: '2020-12-31' } })).toBe(
      'This unit ended after 31/12/2020.',
    );
    expect(refusalText('reference.unit-not-begun', { params: { validFrom: '2027-01-01' } })).toBe(
      'This unit only begins on 01/01/2027.',
    );
  });
});
