import { DEMO_RECOMMENDATIONS, type DemoKey } from '../../scripts/lib/demo-data';
import { unitId } from './fixtures';

/** The five recommendations of PRODUCT.md (the demo data), ready to submit. */
export async function examples(): Promise<Record<DemoKey, Record<string, unknown>>> {
  const entries = await Promise.all(
    DEMO_RECOMMENDATIONS.map(
      async (d) => [d.key, { ...d.body, localityUnitId: await unitId(d.commune) }] as const,
    ),
  );
  return Object.fromEntries(entries) as unknown as Record<DemoKey, Record<string, unknown>>;
}

/** Today's date in Việt Nam, the calendar plan dates use. */
export function vietnamToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
