import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

/** The label of a request that matched no route (static files, 404s): one value, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route template a request matched (`/api/recommendations/:id`), never its URL, which is unbounded. */
export function routeLabel(req: Pick<Request, 'baseUrl'> & { route?: { path?: unknown } }): string {
  const template = req.route?.path;
  return typeof template === 'string' ? `${req.baseUrl ?? ''}${template}` : UNMATCHED_ROUTE;
}

/** Times every request to its last byte; the route is read then, once the router has matched it. */
export function measureRequests(histogram: Histogram<'method' | 'route' | 'status_code'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = histogram.startTimer();
    res.once('finish', () =>
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) }),
    );
    next();
  };
}
