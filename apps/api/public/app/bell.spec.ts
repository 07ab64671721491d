// The bell's module touches `document` when it loads and `fetch` when it polls; this test gives it a
// document with no bell in it and a fetch it answers by hand, so the order of the polls can be read.
/* eslint-disable @typescript-eslint/no-require-imports */
(globalThis as { document?: unknown }).document = {
  addEventListener: () => undefined,
  getElementById: () => null,
  documentElement: {},
  visibilityState: 'visible',
};
// Tabs of one browser share a sign-out over a BroadcastChannel; open, it would keep jest from exiting.
(globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
const { refreshBell } = require('./bell.js') as { refreshBell: () => Promise<void> };
const { saveSession } = require('./session.js') as {
  saveSession: (answer: { accessToken: string; expiresAt: string; user: { id: string } }) => void;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export {}; // a module of its own: its names do not meet the other UI specs'

describe('the bell', () => {
  const realFetch = globalThis.fetch;
  /** The polls under way, in order: each is answered with a count, or with a body given as it is. */
  let answers: ((count: number, body?: string) => void)[];

  beforeEach(() => {
    answers = [];
    saveSession({
      accessToken: 'opaque',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      user: { id: 'u1' },
    });
    globalThis.fetch = (() =>
      new Promise((resolve) => {
        answers.push((count, body) =>
          resolve(
            new Response(body ?? JSON.stringify({ unreadCount: count, latestId: '1' }), {
              status: 200,
              headers: { ETag: `W/"n${count}-1"` },
            }),
          ),
        );
      })) as typeof fetch;
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('asks again after a poll that began before the refresh was asked for', async () => {
    const first = refreshBell();
    await settle();
    expect(answers).toHaveLength(1);

    // A notification is marked read while that poll is out: its answer may not count the change.
    const afterMark = refreshBell();
    const alsoAfterMark = refreshBell();
    await settle();
    expect(answers).toHaveLength(1);

    answers[0](3);
    await first;
    await settle();
    expect(answers).toHaveLength(2);
    answers[1](2);
    await Promise.all([afterMark, alsoAfterMark]);
    await settle();
    // The two calls made during the first poll shared the one that followed it.
    expect(answers).toHaveLength(2);
  });

  it('polls once when nothing is under way', async () => {
    const only = refreshBell();
    await settle();
    answers[0](0);
    await only;
    await settle();
    expect(answers).toHaveLength(1);
  });

  it('still asks again when the poll under way fails', async () => {
    const failing = refreshBell();
    await settle();
    const next = refreshBell();
    // An answer that is not JSON makes the poll under way throw.
    answers[0](Number.NaN, '<html>');
    await expect(failing).rejects.toThrow();
    await settle();
    expect(answers).toHaveLength(2);
    answers[1](0);
    await next;
  });
});
