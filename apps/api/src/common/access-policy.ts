import { ACTION_CATALOGUE, ACTIONS, type Role } from '@ngk/domain';

/**
 * Who may call a route: anyone, any signed-in user, signed-in users of the roles listed, or a metrics
 * scraper (no user: the METRICS_TOKEN, or this machine when none is set; see scrape-access.ts).
 */
export type Access = 'public' | 'signed-in' | 'scraper' | readonly Role[];

/** Each action's route, open to the roles the action catalogue names. */
const ACTION_ROUTES = Object.fromEntries(
  ACTIONS.map((action) => {
    const { route, roles } = ACTION_CATALOGUE[action];
    return [`${route.method} ${route.path}`, roles];
  }),
);

/** The Standing Committee and unit staff; among unit staff only the Party Office's (the secretariat). */
const SC_SECRETARIAT: readonly Role[] = ['standing-committee', 'unit-officer', 'unit-head'];

/**
 * Every route of the API and who may call it: the one place that decides. A route missing here is
 * refused to everyone (and fails the authorization matrix test). Which items a user sees, and which
 * actions the lifecycle allows on one item, are decided per item by the recommendations service and
 * the lifecycle.
 */
export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  // Probes and Prometheus call without a user: health says nothing secret, metrics say more.
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'scraper',
  'POST /api/auth/login': 'public',
  // The refresh cookie is the credential: checked by the route itself.
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  // Reference data is public: the web UI shows units and the calendar before sign-in.
  'GET /api/units': 'public',
  'GET /api/categories': 'public',
  'GET /api/reference-data/edition': 'public',
  'GET /api/calendar': 'public',
  'GET /api/calendar/overrides': 'public',
  // The day units are judged in force on, which the screens need as the units themselves.
  'GET /api/calendar/today': 'public',
  'GET /api/routing-rules': 'signed-in',
  'GET /api/sla-policies': 'signed-in',
  'PUT /api/calendar/overrides/:date': ['admin'],
  'DELETE /api/calendar/overrides/:date': ['admin'],
  'POST /api/recommendations': ['cadre'],
  'GET /api/recommendations': 'signed-in',
  'GET /api/recommendations.csv': 'signed-in',
  'GET /api/recommendations/:id': 'signed-in',
  'GET /api/recommendations/:id/timeline': 'signed-in',
  // The item it duplicates and the duplicates merged into it, among the items the caller sees.
  'GET /api/recommendations/:id/duplicates': 'signed-in',
  // While writing a submission: alike items among those the cadre may see.
  'GET /api/recommendations/similar': ['cadre'],
  // Whoever may resolve reads the templates that fit the item; admins keep them.
  'GET /api/recommendations/:id/response-templates': [...ACTION_CATALOGUE.resolve.roles, 'admin'],
  'GET /api/response-templates': ['admin'],
  'POST /api/response-templates': ['admin'],
  'PATCH /api/response-templates/:id': ['admin'],
  ...ACTION_ROUTES,
  'GET /api/tasks': ['unit-officer', 'unit-head', 'standing-committee'],
  'GET /api/dashboard': ['standing-committee', 'leadership-viewer', 'admin', 'unit-head', 'unit-officer'],
  'GET /api/reports/quarterly': ['standing-committee', 'leadership-viewer', 'admin', 'unit-head'],
  'GET /api/notifications': 'signed-in',
  'GET /api/notifications/unread-count': 'signed-in',
  'GET /api/notifications/preferences': 'signed-in',
  'POST /api/notifications/:id/read': 'signed-in',
  'POST /api/notifications/read-all': 'signed-in',
  'PATCH /api/notifications/preferences': 'signed-in',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'GET /api/users/:id/assignments': ['admin'],
  'POST /api/users/:id/assignments': ['admin'],
  'PATCH /api/assignments/:id': ['admin'],
  'POST /api/assignments/reassign': ['admin'],
  'PUT /api/sla-policies/:code': ['admin'],
  'POST /api/units': ['admin'],
  'PATCH /api/units/:id': ['admin'],
  'POST /api/units/:id/moves': ['admin'],
  'POST /api/routing-rules': ['admin'],
  'PATCH /api/routing-rules/:id': ['admin'],
  'GET /api/admin/audit': ['admin'],
  // The cadre's periodic report; the Organization Board's staff among unit officers and heads are
  // told apart by the service (reports.organization-board-only).
  'GET /api/cadre-reports': ['cadre'],
  'GET /api/cadre-reports/:id': ['cadre', 'unit-officer', 'unit-head'],
  'PUT /api/cadre-reports/:id': ['cadre'],
  'POST /api/cadre-reports/:id/submit': ['cadre'],
  'POST /api/cadre-reports/:id/amendments': ['cadre'],
  'GET /api/report-board/periods': ['unit-officer', 'unit-head'],
  'GET /api/report-board/status': ['unit-officer', 'unit-head'],
  'GET /api/report-board/issues': ['unit-officer', 'unit-head'],
  'GET /api/report-board/export': ['unit-officer', 'unit-head'],
  'POST /api/report-issues/:id/flag': ['unit-officer', 'unit-head'],
  'DELETE /api/report-issues/:id/flag': ['unit-officer', 'unit-head'],
  'GET /api/reorganizations': ['admin'],
  'POST /api/reorganizations': ['admin'],
  'GET /api/reorganizations/:id': ['admin'],
  'POST /api/reorganizations/:id/communes': ['admin'],
  'GET /api/reorganizations/:id/preview': ['admin'],
  'POST /api/reorganizations/:id/run': ['admin'],
  'GET /api/reorganizations/:id/review': ['admin'],
  // Meetings: which commune or side a user may enter for, and the Organization Board's own routes, are
  // decided in the meetings service.
  'GET /api/meetings/mine': ['cadre'],
  'POST /api/meetings': ['cadre', 'unit-officer', 'unit-head', 'standing-committee', 'admin'],
  'POST /api/meetings/generate': ['unit-officer', 'unit-head', 'admin'],
  'GET /api/meetings/overview': ['unit-officer', 'unit-head', 'standing-committee'],
  'PUT /api/meetings/:id/attendance': ['cadre'],
  // A cadre reads their own record; of unit staff, the Organization Board's only (the service decides).
  'GET /api/cadre-records': ['cadre', 'unit-officer', 'unit-head', 'standing-committee'],
  'GET /api/cadre-records/:id': ['cadre', 'unit-officer', 'unit-head', 'standing-committee'],
  // The Standing Committee's meetings: the committee and the Party Office's staff (the service checks the unit).
  'GET /api/sc-meetings': SC_SECRETARIAT,
  'POST /api/sc-meetings': SC_SECRETARIAT,
  'GET /api/sc-meetings/:id': SC_SECRETARIAT,
  'GET /api/sc-meetings/:id/proposal': SC_SECRETARIAT,
  'POST /api/sc-meetings/:id/lines': SC_SECRETARIAT,
  'PATCH /api/sc-meetings/:id/lines/:lineId': SC_SECRETARIAT,
  'DELETE /api/sc-meetings/:id/lines/:lineId': SC_SECRETARIAT,
  'PUT /api/sc-meetings/:id/order': SC_SECRETARIAT,
  'POST /api/sc-meetings/:id/freeze': SC_SECRETARIAT,
  'POST /api/sc-meetings/:id/lines/:lineId/ruling': SC_SECRETARIAT,
  'GET /api/sc-meetings/:id/minutes': SC_SECRETARIAT,
  'GET /api/sc-meetings/:id/agenda': SC_SECRETARIAT,
};

/** Whether a role may call a route under the policy (undefined access: nobody may). */
export function roleMayCall(access: Access | undefined, role: Role | null): boolean {
  if (access === undefined) return false;
  if (access === 'public') return true;
  if (role === null || access === 'scraper') return false;
  return access === 'signed-in' || access.includes(role);
}
