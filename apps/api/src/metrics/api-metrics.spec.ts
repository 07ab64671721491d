import { createApiMetrics, seriesNames } from './api-metrics';
import { routeLabel, UNMATCHED_ROUTE } from './http-metrics.middleware';

describe('API metrics', () => {
  it('label a request by its route template, never its URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/recommendations/:id' } })).toBe(
      '/api/recommendations/:id',
    );
    expect(routeLabel({ baseUrl: '' })).toBe(UNMATCHED_ROUTE);
  });

  it('live in a registry per application, so two apps in one process do not collide', () => {
    const first = createApiMetrics();
    const second = createApiMetrics();
    expect(seriesNames(first.registry)).toEqual(seriesNames(second.registry));
  });

  it('name histogram series with their suffixes, and process metrics with the API prefix', () => {
    const names = seriesNames(createApiMetrics().registry);
    expect(names).toEqual(
      expect.arrayContaining([
        'ngk_http_request_duration_seconds_bucket',
        'ngk_recommendations_open',
        'ngk_email_oldest_pending_age_seconds',
        'ngk_api_process_resident_memory_bytes',
      ]),
    );
    expect(names.every((n) => n.startsWith('ngk_'))).toBe(true);
  });
});
