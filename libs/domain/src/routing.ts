import type { ClockKind } from './clocks';

/** A routing rule as stored: category (or any) × locality (or anywhere) → lead and coordinating units. */
export interface RoutingRule {
  id: string;
  categoryCode: string | null;
  localityUnitId: string | null;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  slaPolicyCode: string | null;
  priority: number;
}

export interface RoutingQuery {
  categoryCode: string;
  /** The locality and its ancestors, most specific first: commune, district, province. */
  localityPath: string[];
}

export interface RoutingDecision {
  ruleId: string;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  slaPolicyCode: string | null;
}

/**
 * Picks the most specific rule: the nearest locality wins over a wider one, an exact category over
 * "any category", then the higher priority; ties break on rule id so the choice is stable.
 * Returns null when nothing matches, which sends the item to the triage office.
 */
export function matchRoutingRule(rules: readonly RoutingRule[], query: RoutingQuery): RoutingDecision | null {
  const anywhere = query.localityPath.length;
  let best: { rule: RoutingRule; key: [number, number, number] } | null = null;
  for (const rule of rules) {
    if (rule.categoryCode !== null && rule.categoryCode !== query.categoryCode) continue;
    const depth = rule.localityUnitId === null ? anywhere : query.localityPath.indexOf(rule.localityUnitId);
    if (depth < 0) continue;
    const key: [number, number, number] = [depth, rule.categoryCode === null ? 1 : 0, -rule.priority];
    if (best === null || compareKeys(key, best.key, rule.id, best.rule.id) < 0) best = { rule, key };
  }
  if (best === null) return null;
  const { rule } = best;
  return {
    ruleId: rule.id,
    leadUnitId: rule.leadUnitId,
    coordinatingUnitIds: rule.coordinatingUnitIds.filter((id) => id !== rule.leadUnitId),
    slaPolicyCode: rule.slaPolicyCode,
  };
}

function compareKeys(a: number[], b: number[], idA: string, idB: string): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * The clocks a routing starts: the triage office's when it goes there, else the lead unit's two, and the
 * coordinating units' when it asks any of them for an opinion.
 */
export function routingClockKinds(toTriage: boolean, opensCoordination: boolean): ClockKind[] {
  if (toTriage) return ['triage'];
  return ['acknowledge', 'resolution', ...(opensCoordination ? (['coordination'] as const) : [])];
}
