/** The API's metrics (an ApiMetrics), one set per application. */
export const API_METRICS = Symbol('API_METRICS');
