import { h, replace, svg } from './dom.js';
import { t } from './i18n.js';
import { currentUser, token } from './session.js';

// The bell in the header: the unread count, kept fresh by polling. Each poll sends the last ETag, and the
// API answers 304 with no body while nothing changed, so 200 users polling cost a count query each.

const POLL_MS = 30_000;
let state = { userId: null, etag: null, count: 0 };
let timer = null;
let inFlight = null;
let queued = null;

function bellIcon() {
  return svg(
    'svg',
    { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', class: 'bell-icon' },
    svg('path', {
      d: 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z',
      fill: 'currentColor',
    }),
  );
}

function show() {
  const bell = document.getElementById('bell');
  if (!bell) return;
  const { count } = state;
  bell.setAttribute('aria-label', count > 0 ? t('bell.label', { n: count }) : t('bell.labelNone'));
  bell.title = bell.getAttribute('aria-label');
  bell.dataset.count = String(count);
  replace(
    bell,
    bellIcon(),
    h(
      'span',
      { class: count > 0 ? 'bell-count' : 'bell-count bell-count-zero', 'data-testid': 'bell-count' },
      count,
    ),
  );
}

/**
 * Asks the API for the unread count now; a 304 keeps what is shown. A call made while a poll is under way
 * waits for it and asks once more: that poll began before whatever the caller just changed (a notification
 * marked read), so its answer may already be stale. Calls made meanwhile share the one poll that follows.
 */
export function refreshBell() {
  if (!inFlight) {
    inFlight = poll().finally(() => (inFlight = null));
    return inFlight;
  }
  queued ??= inFlight
    .catch(() => undefined)
    .then(() => {
      queued = null;
      return refreshBell();
    });
  return queued;
}

async function poll() {
  const bearer = token();
  if (!bearer) return;
  const headers = { Accept: 'application/json', Authorization: `Bearer ${bearer}` };
  if (state.etag) headers['If-None-Match'] = state.etag;
  let res;
  try {
    // The tag is kept here, not in the browser's cache, so the 304 reaches this code as it is.
    res = await fetch('/api/notifications/unread-count', { headers, cache: 'no-store' });
  } catch {
    return;
  }
  if (res.status === 304 || !res.ok) return;
  const body = await res.json();
  state = { ...state, etag: res.headers.get('ETag'), count: body.unreadCount };
  show();
}

/** Shows the bell for the signed-in user and keeps it fresh; hides it and stops polling once signed out. */
export function renderBell() {
  const bell = document.getElementById('bell');
  const user = currentUser();
  bell.hidden = !user;
  if (!user) {
    clearInterval(timer);
    timer = null;
    state = { userId: null, etag: null, count: 0 };
    return;
  }
  if (state.userId !== user.userId) state = { userId: user.userId, etag: null, count: 0 };
  show();
  if (!timer) {
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshBell();
    }, POLL_MS);
  }
  void refreshBell();
}

// A tab in the background does not poll; coming back asks at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && currentUser()) void refreshBell();
});
