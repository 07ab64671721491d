import { AWAITING_CADRE, cadreInCharge, handOverRefusal } from './handover';
import { RECOMMENDATION_STATUSES } from './recommendation';

describe('handover', () => {
  const item = { submittedByUserId: 'a', status: 'awaiting-info' as const };

  it('the submitter is in charge until a handover names another cadre', () => {
    expect(cadreInCharge(item)).toBe('a');
    expect(cadreInCharge({ ...item, cadreInChargeUserId: null })).toBe('a');
    expect(cadreInCharge({ ...item, cadreInChargeUserId: 'b' })).toBe('b');
  });

  it.each(AWAITING_CADRE)('hands over an item %s from the cadre in charge', (status) => {
    expect(handOverRefusal({ ...item, status }, 'a', 'b')).toBeNull();
    expect(handOverRefusal({ ...item, status, cadreInChargeUserId: 'b' }, 'b', 'c')).toBeNull();
  });

  it.each(RECOMMENDATION_STATUSES.filter((s) => !AWAITING_CADRE.includes(s)))(
    'refuses an item %s: it waits for no cadre',
    (status) => {
      expect(handOverRefusal({ ...item, status }, 'a', 'b')).toMatchObject({
        code: 'wrong-state',
        rule: 'handover.not-awaiting-cadre',
      });
    },
  );

  it('refuses a cadre not in charge, and a handover to the same cadre', () => {
    expect(handOverRefusal({ ...item, cadreInChargeUserId: 'b' }, 'a', 'c')).toMatchObject({
      rule: 'handover.not-in-charge',
    });
    expect(handOverRefusal(item, 'a', 'a')).toMatchObject({ code: 'invalid', rule: 'handover.same-cadre' });
  });
});
