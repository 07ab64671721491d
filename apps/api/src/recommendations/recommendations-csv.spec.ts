import { csvField, csvHeader, csvRows, vnTime, type CsvItem } from './recommendations-csv';

const item: CsvItem = {
  reference: 'KN-2026-000123',
  title: 'Nâng cấp đường 26, "Hòa Lợi"',
  status: 'in-progress',
  categoryCode: 'infrastructure',
  categoryNameVi: 'Hạ tầng',
  categoryNameEn: 'Infrastructure',
  localityNameVi: 'Xã Hòa Lợi',
  localityNameEn: 'Hoa Loi commune',
  leadUnitNameVi: 'Sở Xây dựng',
  leadUnitNameEn: null,
  urgency: 'urgent',
  overdue: true,
  escalationLevel: 1,
  createdAt: new Date('2026-12-31T18:30:00Z'),
  resolutionDueAt: null,
  updatedAt: '2026-03-02T03:04:05.000Z',
  closedAt: null,
  outcome: null,
};

describe('recommendations CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(2)).toBe('2');
  });

  it('keeps a title that looks like a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
  });

  it('writes Việt Nam time, which may be the next day and year', () => {
    expect(vnTime('2026-12-31T18:30:00Z')).toBe('2027-01-01 01:30');
    expect(vnTime(null)).toBe('');
  });

  it('writes a row in the language asked, with names and labels, not codes', () => {
    expect(csvRows([item], 'vi')).toBe(
      'KN-2026-000123,"Nâng cấp đường 26, ""Hòa Lợi""",Đang xử lý,Hạ tầng,Xã Hòa Lợi,Sở Xây dựng,Khẩn,Có,1,' +
        '2027-01-01 01:30,,2026-03-02 10:04,,\r\n',
    );
    // An English name missing falls back to the Vietnamese one rather than to nothing.
    expect(csvRows([item], 'en')).toContain(
      ',In progress,Infrastructure,Hoa Loi commune,Sở Xây dựng,Urgent,Yes,',
    );
  });

  it('names every column in both languages', () => {
    const vi = csvHeader('vi').trim().split(',');
    const en = csvHeader('en').trim().split(',');
    expect(vi[0]).toBe('Số tham chiếu');
    expect(en[0]).toBe('Reference');
    expect(vi).toHaveLength(en.length);
    expect(csvRows([item], 'vi').match(/,/g)?.length).toBeGreaterThanOrEqual(vi.length - 1);
  });
});
