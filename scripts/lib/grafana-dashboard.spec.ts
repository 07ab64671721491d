import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApiMetrics, seriesNames } from '../../apps/api/src/metrics/api-metrics';
import { TEMPORAL_SERVER_SERIES, WORKER_SDK_SERIES } from '../../apps/worker/src/sdk-series';

const DASHBOARD = path.resolve(__dirname, '../../deploy/grafana-ngk-dashboard.json');

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string; datasource?: { uid?: string } }[];
}

/** PromQL words that are not series. */
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/** The series a PromQL expression reads: its identifiers once labels, ranges and calls are set aside. */
function seriesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\w+/g, '');
  return [...bare.matchAll(/(?<![\w.])[a-zA-Z_:][\w:]*/g)]
    .filter((m) => !/^\s*\(/.test(bare.slice(m.index! + m[0].length)))
    .map((m) => m[0])
    .filter((word) => !KEYWORDS.has(word));
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as {
    __inputs: { name: string; type: string; pluginId: string }[];
    panels: Panel[];
  };
  const charts = dashboard.panels.filter((p) => p.type !== 'row');
  const exprs = charts.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const apiSeries = seriesNames(createApiMetrics().registry);

  it('reads Prometheus through the DS_PROMETHEUS input, on every panel and query', () => {
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    ]);
    for (const panel of charts) {
      expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, '${DS_PROMETHEUS}']);
      for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${DS_PROMETHEUS}');
    }
  });

  it('queries only series that the API, the worker or the Temporal server export', () => {
    const known = new Set<string>([
      ...apiSeries,
      ...WORKER_SDK_SERIES.emittedWhenHealthy,
      ...WORKER_SDK_SERIES.failures,
      ...TEMPORAL_SERVER_SERIES,
    ]);
    const queried = exprs.flatMap(seriesIn);
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !known.has(name))).toEqual([]);
  });

  it("charts every one of the API's own series and every worker series it names", () => {
    const queried = new Set(exprs.flatMap(seriesIn));
    const own = createApiMetrics()
      .registry.getMetricsAsArray()
      .map((m) => (m as unknown as { name: string }).name)
      .filter((name) => !name.startsWith('ngk_api_'));
    for (const name of own) {
      expect([name, [...queried].some((q) => q.startsWith(name))]).toEqual([name, true]);
    }
    for (const name of [...WORKER_SDK_SERIES.emittedWhenHealthy, ...WORKER_SDK_SERIES.failures]) {
      expect([name, queried.has(name)]).toEqual([name, true]);
    }
  });

  it('finds series in PromQL and leaves functions, labels and ranges out', () => {
    expect(
      seriesIn('histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{route!="x"}[$__rate_interval])))'),
    ).toEqual(['a_bucket']);
    expect(seriesIn('max(b) / on (job) c offset 5m')).toEqual(['b', 'c']);
  });
});
