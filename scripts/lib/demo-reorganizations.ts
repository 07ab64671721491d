import { DEMO_PASSWORD, REORGANIZATIONS_2025, type ReorganizationSeed } from '@ngk/persistence';

/** A reorganization's progress as `GET /api/reorganizations/:id` answers it. */
interface Progress {
  id: string;
  decisionNo: string;
  status: 'draft' | 'running' | 'done';
  total: number;
  done: number;
  moved: number;
  review: number;
}

type Log = (line: string) => void;

/**
 * Applies the 2025 reorganization to the demo as an admin would, through the API: each decision is
 * recorded once (found again by its number on a later start), its commune mergers uploaded as CSV, and
 * run to the end, one after the other in the order they took effect. The open items move to the
 * successors with the decision as the reason; a district's items wait in the review list.
 */
export async function applyDemoReorganizations(base: string, log: Log, timeoutMs = 180_000): Promise<void> {
  const call = await adminApi(base);
  const units = (await call('GET', '/api/units')) as { id: string; code: string }[];
  const idOf = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit)
      throw new Error(`demo reorganization names unit "${code}", which is not in the reference data`);
    return unit.id;
  };
  const recorded = (await call('GET', '/api/reorganizations')) as Progress[];
  for (const decision of REORGANIZATIONS_2025) {
    const found = recorded.find((r) => r.decisionNo === decision.decisionNo);
    const id = found?.id ?? (await record(call, decision, idOf));
    if (found?.status !== 'done') await call('POST', `/api/reorganizations/${id}/run`);
    const progress = await finished(call, id, timeoutMs);
    log(
      `demo: ${decision.decisionNo} (from ${decision.effectiveDate}): ${progress.moved} open items moved, ` +
        `${progress.review} in the review list`,
    );
  }
}

async function record(
  call: Call,
  decision: ReorganizationSeed,
  idOf: (code: string) => string,
): Promise<string> {
  const created = (await call('POST', '/api/reorganizations', {
    decisionNo: decision.decisionNo,
    decisionDate: decision.decisionDate,
    effectiveDate: decision.effectiveDate,
    units: decision.units.map((u) => ({
      unitId: idOf(u.unit),
      ...(u.successor ? { successorId: idOf(u.successor) } : {}),
    })),
  })) as { id: string };
  if (decision.communes.length > 0) {
    const csv = ['old_code,new_code', ...decision.communes.map((c) => `${c.from},${c.to}`)].join('\n');
    await call('POST', `/api/reorganizations/${created.id}/communes`, csv);
  }
  return created.id;
}

async function finished(call: Call, id: string, timeoutMs: number): Promise<Progress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = (await call('GET', `/api/reorganizations/${id}`)) as Progress;
    if (progress.status === 'done') return progress;
    if (Date.now() > deadline) {
      throw new Error(`reorganization ${progress.decisionNo} not done after ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

type Call = (method: string, path: string, body?: object | string) => Promise<unknown>;

/** The demo admin's calls: JSON in and out, a CSV body as text/csv; a refusal is an error naming it. */
async function adminApi(base: string): Promise<Call> {
  const signIn = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`demo admin cannot sign in: ${signIn.status}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} refused: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * The demo accounts as they stand after the reorganizations: each with its unit of today (a department's
 * staff moved to the merged department) and the localities its cadre is assigned, one line each.
 */
export async function demoAccountLines(base: string): Promise<string[]> {
  const call = await adminApi(base);
  const [users, units] = (await Promise.all([call('GET', '/api/users'), call('GET', '/api/units')])) as [
    {
      username: string;
      role: string;
      displayName: string;
      unitId: string | null;
      followedUnitIds: string[];
      active: boolean;
    }[],
    { id: string; nameVi: string }[],
  ];
  const name = (id: string) => units.find((u) => u.id === id)?.nameVi ?? id;
  return users
    .filter((u) => u.active)
    .map((u) => {
      const where =
        u.role === 'cadre' ? u.followedUnitIds.map(name).join(', ') : u.unitId ? name(u.unitId) : '';
      return `  ${u.username.padEnd(22)} ${u.role.padEnd(20)} ${u.displayName}${where ? ` · ${where}` : ''}`;
    });
}
