import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_PASSWORD } from '@ngk/persistence';
import { dropDatabase } from './postgres';

/**
 * The fast-clock demo (NGK_DAY_SECONDS) keeps a state of its own beside the normal demo's, and starts it
 * afresh each time: items submitted under one clock keep the deadlines that clock gave them, so the
 * normal demo's items would wait for real working days, and an earlier fast run's would already be over.
 */
export interface DemoState {
  /** NGK's database. */
  database: string;
  /** The dev server's state file (`<name>.sqlite`), or the real server's databases. */
  temporal: string;
  /** Which Temporal keeps it: the dev server's file, or the real server's databases. */
  temporalKind: 'dev' | 'server';
  fast: boolean;
}

/**
 * Names of the demo's state: the normal demo's never change; the fast demo's add `_fast`/`-fast`, and
 * the real server's read model is its own (`_server`), as its items' workflows live in that server only.
 */
export function demoState(generation: number, env: NodeJS.ProcessEnv): DemoState {
  const fast = !!env.NGK_DAY_SECONDS;
  const server = env.NGK_TEMPORAL === 'server';
  return {
    database: `ngk_g${generation}${server ? '_server' : ''}${fast ? '_fast' : ''}`,
    temporal: server ? `temporal${fast ? '_fast' : ''}` : `ngk-g${generation}${fast ? '-fast' : ''}`,
    temporalKind: server ? 'server' : 'dev',
    fast,
  };
}

/** Forgets the fast demo's previous run: its database, and its Temporal state file or databases. */
export async function resetFastDemo(
  state: DemoState,
  adminUrl: string,
  stateDir: string,
  { ownDatabase, ownTemporal }: { ownDatabase: boolean; ownTemporal: boolean },
): Promise<void> {
  if (!state.fast) throw new Error('only the fast-clock demo is reset');
  if (ownDatabase) await dropDatabase(adminUrl, state.database);
  if (!ownTemporal) return;
  if (state.temporalKind === 'server') {
    await dropDatabase(adminUrl, state.temporal);
    await dropDatabase(adminUrl, `${state.temporal}_visibility`);
  } else {
    for (const suffix of ['.sqlite', '.sqlite-wal', '.sqlite-shm']) {
      fs.rmSync(path.join(stateDir, `${state.temporal}${suffix}`), { force: true });
    }
  }
}

/**
 * The lead unit answers one demo item at once, so the cadre's feedback window opens and, left silent,
 * closes as accepted within seconds; the other items show reminders, level 1 and level 2.
 */
export async function answerForSilentFeedback(
  base: string,
  item: { id: string; title: string },
  officer: string,
): Promise<void> {
  const signIn = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: officer, password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`demo officer ${officer} cannot sign in: ${signIn.status}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const act = async (action: string, body: object) => {
    const res = await fetch(`${base}/api/recommendations/${item.id}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo ${action} by ${officer} refused: ${res.status} ${await res.text()}`);
  };
  await act('acknowledge', { note: 'Đã tiếp nhận (bản trình diễn đồng hồ nhanh).' });
  await act('resolve', {
    outcome: 'implemented',
    response: 'Đã triển khai tập huấn tuyên truyền viên miệng ở các ấp (bản trình diễn).',
  });
}
