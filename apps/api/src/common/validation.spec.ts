import { BadRequestException } from '@nestjs/common';
import { CreateRoutingRuleDto, UpdateRoutingRuleDto, UpdateUnitDto } from '../admin/reference-admin.dto';
import { CalendarQuery } from '../calendar/calendar.dto';
import { CoordinateDto, DirectiveDto, ResolveDto, TransferDto } from '../recommendations/dto/action.dto';
import { CreateRecommendationDto } from '../recommendations/dto/create-recommendation.dto';
import { createValidationPipe, RefuseMalformedText, type FieldError } from './validation';

/** What the application's validation pipe answers: one error per field, the one to fix first. */
async function fieldErrors(cls: new () => object, body: object): Promise<FieldError[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: cls });
  } catch (err) {
    if (!(err instanceof BadRequestException)) throw err;
    const response = err.getResponse() as { code: string; errors: FieldError[] };
    expect(response.code).toBe('validation.failed');
    expect(new Set(response.errors.map((e) => e.field)).size).toBe(response.errors.length);
    return response.errors;
  }
  return [];
}

async function reasons(cls: new () => object, body: object): Promise<Record<string, string>> {
  return Object.fromEntries((await fieldErrors(cls, body)).map((e) => [e.field, e.reason]));
}

/** The code of each refused field, with the rule's limits when it has any. */
async function codes(cls: new () => object, body: object): Promise<Record<string, string | object>> {
  return Object.fromEntries(
    (await fieldErrors(cls, body)).map((e) => [e.field, e.params ? { code: e.code, ...e.params } : e.code]),
  );
}

describe('field error codes', () => {
  it('codes each field by the rule that refused it, with its limits', async () => {
    expect(
      await codes(CreateRecommendationDto, { localityUnitId: 'Hòa Lợi', title: 'Đg', extra: 1 }),
    ).toEqual({
      title: { code: 'minLength', min: 5 },
      situation: 'isNotEmpty',
      proposal: 'isNotEmpty',
      categoryCode: 'isNotEmpty',
      localityUnitId: 'isUuid',
      extra: 'whitelistValidation',
    });
    expect(await codes(CoordinateDto, { opinion: 'x'.repeat(10001) })).toEqual({
      opinion: { code: 'maxLength', max: 10000 },
    });
    expect(await codes(ResolveDto, { response: 'Có.', outcome: 'maybe' })).toEqual({
      outcome: { code: 'isIn', values: 'implemented, planned, partly-accepted, not-accepted, referred' },
    });
    expect(await codes(CalendarQuery, { from: '1999-12-31', to: '2000-01-31' })).toEqual({
      from: { code: 'inCalendarYears', first: 2000, last: 2100 },
    });
  });
});

describe('field errors', () => {
  it('reports a missing or blank text as missing, not as too long', async () => {
    expect(await reasons(CoordinateDto, {})).toEqual({ opinion: 'opinion should not be empty' });
    expect(await reasons(TransferDto, { reason: '   ' })).toEqual({
      reason: 'reason is required for a transfer',
    });
    expect(await reasons(TransferDto, {})).toEqual({ reason: 'reason is required for a transfer' });
    expect(await reasons(CreateRecommendationDto, { localityUnitId: 'Hòa Lợi' })).toEqual({
      title: 'title should not be empty',
      situation: 'situation should not be empty',
      proposal: 'proposal should not be empty',
      categoryCode: 'categoryCode should not be empty',
      localityUnitId: 'localityUnitId must be a UUID',
    });
  });

  it('reports the wrong type before any length rule', async () => {
    expect(await reasons(CoordinateDto, { opinion: 42 })).toEqual({ opinion: 'opinion must be a string' });
  });

  it('reports length only when the text is there and of the right type', async () => {
    expect(await reasons(CoordinateDto, { opinion: 'x'.repeat(10001) })).toEqual({
      opinion: 'opinion must be shorter than or equal to 10000 characters',
    });
    expect(
      await reasons(CreateRecommendationDto, {
        title: 'Đg',
        situation: 's'.repeat(10),
        proposal: 'p'.repeat(10),
        categoryCode: 'x',
        localityUnitId: '4b0c5e4e-8a0e-4d7c-9d43-6f1f7c1e2a11',
      }),
    ).toEqual({
      title: 'title must be longer than or equal to 5 characters',
    });
  });

  it('names each conditional requirement of a resolution', async () => {
    expect(await reasons(ResolveDto, { response: 'Sẽ làm.', outcome: 'planned' })).toEqual({
      planDate: 'planDate must be a date (YYYY-MM-DD) when the outcome is planned',
      budgetYear: 'budgetYear must be a year when the outcome is planned',
    });
    expect(await reasons(ResolveDto, { response: 'Không.', outcome: 'not-accepted' })).toEqual({
      reason: 'reason is required when the recommendation is not accepted',
    });
  });
});

describe('amounts of đồng', () => {
  const base = {
    title: 'Đường 26',
    situation: 's'.repeat(10),
    proposal: 'p'.repeat(10),
    categoryCode: 'x',
    localityUnitId: '4b0c5e4e-8a0e-4d7c-9d43-6f1f7c1e2a11',
  };
  const cost = async (costEstimateVnd: unknown) => {
    const dto = (await createValidationPipe().transform(
      { ...base, costEstimateVnd },
      { type: 'body', metatype: CreateRecommendationDto },
    )) as CreateRecommendationDto;
    return dto.costEstimateVnd;
  };

  it('reads Vietnamese grouping, blanks and English grouping as the digits they stand for', async () => {
    expect(await cost('1.500.000.000')).toBe('1500000000');
    expect(await cost('1 500 000 000')).toBe('1500000000');
    expect(await cost('1,500,000,000')).toBe('1500000000');
    expect(await cost('10000000000')).toBe('10000000000');
    expect(await cost(2500000)).toBe('2500000');
  });

  it('refuses a decimal part, a lone comma, too many digits and anything else, each with its code', async () => {
    const code = async (value: unknown) =>
      codes(CreateRecommendationDto, { ...base, costEstimateVnd: value });
    expect(await code('1.500.000,5')).toEqual({ costEstimateVnd: 'vndAmountDecimal' });
    expect(await code(1.5)).toEqual({ costEstimateVnd: 'vndAmountDecimal' });
    expect(await code('1,500')).toEqual({ costEstimateVnd: 'vndAmountAmbiguous' });
    expect(await code('10.000.000.000.000.000')).toEqual({ costEstimateVnd: 'vndAmountTooLarge' });
    expect(await code('-5')).toEqual({ costEstimateVnd: 'vndAmount' });
    expect(await code(true)).toEqual({ costEstimateVnd: 'isString' });
    expect(await reasons(CreateRecommendationDto, { ...base, costEstimateVnd: '1,5' })).toEqual({
      costEstimateVnd: 'costEstimateVnd must be a whole number of VND, without a decimal part',
    });
  });
});

describe('a planned outcome', () => {
  const plan = { response: 'Sẽ làm.', outcome: 'planned', planDate: '2027-06-30' };

  it("takes the plan date's year or the year before it as the budget year", async () => {
    expect(await reasons(ResolveDto, { ...plan, budgetYear: 2027 })).toEqual({});
    expect(await reasons(ResolveDto, { ...plan, budgetYear: 2026 })).toEqual({});
  });

  it('refuses a budget year after the plan date, or long before it', async () => {
    for (const budgetYear of [2020, 2025, 2028])
      expect(await codes(ResolveDto, { ...plan, budgetYear })).toEqual({
        budgetYear: 'budgetYearFitsPlanDate',
      });
    expect(await reasons(ResolveDto, { ...plan, budgetYear: 2020 })).toEqual({
      budgetYear: "budgetYear must be the plan date's year (2027) or the year before it",
    });
    // Other outcomes carry no plan: nothing to agree with.
    expect(await reasons(ResolveDto, { ...plan, outcome: 'implemented', budgetYear: 2020 })).toEqual({});
  });
});

describe('null in an update', () => {
  it('clears what may be empty, and is refused where the column always holds a value', async () => {
    expect(
      await reasons(UpdateUnitDto, { parentId: null, supervisorId: null, headTitle: null, validTo: null }),
    ).toEqual({});
    expect(await reasons(UpdateUnitDto, { nameVi: null, nameEn: null, validFrom: null })).toEqual({
      nameVi: 'nameVi is required',
      nameEn: 'nameEn is required',
      validFrom: 'validFrom must be a date (YYYY-MM-DD)',
    });
    expect(await reasons(UpdateRoutingRuleDto, { slaPolicyCode: null })).toEqual({});
    expect(
      Object.keys(
        await reasons(UpdateRoutingRuleDto, {
          leadUnitId: null,
          coordinatingUnitIds: null,
          priority: null,
          active: null,
        }),
      ),
    ).toEqual(['active', 'leadUnitId', 'coordinatingUnitIds', 'priority']);
    expect(
      Object.keys(await reasons(CreateRoutingRuleDto, { code: 'r-1', leadUnitId: null, priority: null })),
    ).toEqual(['leadUnitId', 'priority']);
  });
});

describe('calendar dates', () => {
  it('keeps the calendar, plan dates and deadlines to the years the working calendar covers', async () => {
    expect(await reasons(CalendarQuery, { from: '9999-12-30', to: '9999-12-31' })).toEqual({
      from: 'from must fall in the years 2000 to 2100',
      to: 'to must fall in the years 2000 to 2100',
    });
    expect(await reasons(CalendarQuery, { from: '1999-12-31', to: '2000-01-31' })).toEqual({
      from: 'from must fall in the years 2000 to 2100',
    });
    expect(await reasons(CalendarQuery, { from: '2100-01-01', to: '2100-12-31' })).toEqual({});
    expect(await reasons(CalendarQuery, { from: 'soon', to: '2026-13-01' })).toEqual({
      from: 'from must be a date (YYYY-MM-DD)',
      to: 'to must be a date (YYYY-MM-DD)',
    });
    const plan = { response: 'Sẽ làm.', outcome: 'planned', planDate: '9999-12-31', budgetYear: 2027 };
    expect(await reasons(ResolveDto, plan)).toEqual({
      planDate: 'planDate must fall in the years 2000 to 2100',
    });
    expect(
      await reasons(DirectiveDto, { kind: 'new-deadline', reason: 'Gấp.', dueDate: '0100-01-01' }),
    ).toEqual({ dueDate: 'dueDate must fall in the years 2000 to 2100' });
  });
});

describe('malformed text', () => {
  const refused = (value: unknown, metadata: { type: 'body' | 'query' | 'param'; data?: string }) => {
    try {
      new RefuseMalformedText().transform(value, metadata);
    } catch (err) {
      if (!(err instanceof BadRequestException)) throw err;
      return (err.getResponse() as { errors: FieldError[] }).errors;
    }
    return [];
  };

  it('refuses U+0000, naming each field that holds it, nested ones too', () => {
    expect(
      refused(
        { title: 'Đường\u000026', attachments: [{ name: 'a', url: 'x\u0000' }], n: 1, ok: null },
        { type: 'body' },
      ),
    ).toEqual([
      {
        field: 'title',
        code: 'text.nul-character',
        reason: 'title must not contain the NUL character (U+0000)',
      },
      {
        field: 'attachments.0.url',
        code: 'text.nul-character',
        reason: 'attachments.0.url must not contain the NUL character (U+0000)',
      },
    ]);
    expect(refused('a\u0000', { type: 'param', data: 'code' })).toEqual([
      {
        field: 'code',
        code: 'text.nul-character',
        reason: 'code must not contain the NUL character (U+0000)',
      },
    ]);
    expect(refused({ text: ['x', '\u0000'] }, { type: 'query' })).toEqual([
      {
        field: 'text.1',
        code: 'text.nul-character',
        reason: 'text.1 must not contain the NUL character (U+0000)',
      },
    ]);
  });

  it('refuses half of a surrogate pair, at either end of a string', () => {
    const reason = (field: string) =>
      `${field} must not contain half of a surrogate pair (U+D800 to U+DFFF alone)`;
    expect(refused({ email: 'Đường \uD800 26', name: 'x\uDC00', last: '\uD83D' }, { type: 'body' })).toEqual([
      { field: 'email', code: 'text.lone-surrogate', reason: reason('email') },
      { field: 'name', code: 'text.lone-surrogate', reason: reason('name') },
      { field: 'last', code: 'text.lone-surrogate', reason: reason('last') },
    ]);
  });

  it('lets every other text through as it is, whole pairs and other control characters included', () => {
    const body = { title: 'Đường 26 [Hòa Lợi] \u0001 \uFFFF 👩‍👩‍👧 \uD83D\uDE00', list: ['\\0'] };
    expect(new RefuseMalformedText().transform(body, { type: 'body' })).toBe(body);
  });
});
