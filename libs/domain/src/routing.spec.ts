import { matchRoutingRule, routingClockKinds, type RoutingRule } from './routing';

const rule = (over: Partial<RoutingRule> & { id: string }): RoutingRule => ({
  categoryCode: null,
  localityUnitId: null,
  leadUnitId: 'lead',
  coordinatingUnitIds: [],
  slaPolicyCode: null,
  priority: 0,
  ...over,
});

const hoaLoi = { categoryCode: 'infrastructure', localityPath: ['hoa-loi', 'thanh-phu', 'ben-tre'] };

describe('matchRoutingRule', () => {
  it('returns null when no rule matches, so the triage office routes by hand', () => {
    expect(matchRoutingRule([rule({ id: 'a', categoryCode: 'propaganda' })], hoaLoi)).toBeNull();
    expect(matchRoutingRule([], hoaLoi)).toBeNull();
  });

  it('prefers the nearest locality: commune over district over province-wide', () => {
    const rules = [
      rule({ id: 'province', categoryCode: 'infrastructure', leadUnitId: 'dot' }),
      rule({
        id: 'district',
        categoryCode: 'infrastructure',
        localityUnitId: 'thanh-phu',
        leadUnitId: 'thanh-phu-pc',
      }),
      rule({
        id: 'commune',
        categoryCode: 'infrastructure',
        localityUnitId: 'hoa-loi',
        leadUnitId: 'hoa-loi-pc',
      }),
    ];
    expect(matchRoutingRule(rules, hoaLoi)?.ruleId).toBe('commune');
    expect(matchRoutingRule(rules.slice(0, 2), hoaLoi)?.ruleId).toBe('district');
    expect(matchRoutingRule(rules.slice(0, 1), hoaLoi)?.ruleId).toBe('province');
  });

  it('prefers an exact category over "any category" at the same locality', () => {
    const rules = [
      rule({ id: 'any', localityUnitId: 'thanh-phu', priority: 100 }),
      rule({ id: 'exact', categoryCode: 'infrastructure', localityUnitId: 'thanh-phu' }),
    ];
    expect(matchRoutingRule(rules, hoaLoi)?.ruleId).toBe('exact');
  });

  it('breaks remaining ties by priority, then by id, whatever the order of the rules', () => {
    const rules = [
      rule({ id: 'b', categoryCode: 'infrastructure', priority: 1 }),
      rule({ id: 'c', categoryCode: 'infrastructure', priority: 5 }),
      rule({ id: 'a', categoryCode: 'infrastructure', priority: 5 }),
    ];
    expect(matchRoutingRule(rules, hoaLoi)?.ruleId).toBe('a');
    expect(matchRoutingRule([...rules].reverse(), hoaLoi)?.ruleId).toBe('a');
  });

  it('ignores rules for another locality and never lists the lead unit as coordinating', () => {
    const rules = [
      rule({ id: 'other', categoryCode: 'infrastructure', localityUnitId: 'giong-trom' }),
      rule({
        id: 'ok',
        categoryCode: 'infrastructure',
        leadUnitId: 'x',
        coordinatingUnitIds: ['x', 'y'],
        slaPolicyCode: 'p',
      }),
    ];
    expect(matchRoutingRule(rules, hoaLoi)).toEqual({
      ruleId: 'ok',
      leadUnitId: 'x',
      coordinatingUnitIds: ['y'],
      slaPolicyCode: 'p',
    });
  });
});

describe('routingClockKinds', () => {
  it('starts the triage clock alone for the triage office', () => {
    expect(routingClockKinds(true, true)).toEqual(['triage']);
  });

  it("starts the lead unit's two clocks, and the coordinators' when any is asked", () => {
    expect(routingClockKinds(false, false)).toEqual(['acknowledge', 'resolution']);
    expect(routingClockKinds(false, true)).toEqual(['acknowledge', 'resolution', 'coordination']);
  });
});
