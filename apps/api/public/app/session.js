// The signed-in user. The access token lives in this page's memory only; the browser keeps the session
// in an httpOnly cookie (path /api/auth) that no script can read, so closing the tab keeps the user
// signed in and a script injected into the page cannot carry the session away.

const CHANNEL = 'ngk.session';

let accessToken = null;
let expiresAt = 0;
let user = null;
let refreshing = null;

// Other tabs of this browser share the cookie: a sign-out in one ends the session in all.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
channel?.addEventListener('message', (event) => {
  if (event.data !== 'signed-out' || !accessToken) return;
  forget();
  window.dispatchEvent(new CustomEvent('ngk:signed-out', { detail: { elsewhere: true } }));
});

export function token() {
  return accessToken;
}

/** { userId, username, displayName, role, unitId, … } or null. */
export function currentUser() {
  return accessToken ? user : null;
}

/** Keeps an answer of /api/auth/login or /api/auth/refresh. */
export function saveSession(answer, known = {}) {
  accessToken = answer.accessToken;
  expiresAt = Date.now() + lifetime(answer);
  user = { ...known, userId: answer.user.id, ...answer.user };
}

/**
 * How long the token lasts, from its own claims (exp − iat), so a computer whose clock is off still
 * renews it in time; the answer's expiresAt otherwise.
 */
function lifetime(answer) {
  try {
    const payload = answer.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { iat, exp } = JSON.parse(atob(payload));
    if (Number.isFinite(exp - iat)) return (exp - iat) * 1000;
  } catch {
    // Not a JWT we can read: fall through.
  }
  return (Date.parse(answer.expiresAt) || Date.now()) - Date.now();
}

export function updateUser(next) {
  user = next;
}

function forget() {
  accessToken = null;
  expiresAt = 0;
  user = null;
}

/** Forgets the session here and tells this browser's other tabs. */
export function clearSession() {
  forget();
  channel?.postMessage('signed-out');
}

/** Whether the access token is about to expire and should be renewed before the next call. */
export function expiresSoon(now = Date.now()) {
  return accessToken !== null && expiresAt - now < 30_000;
}

/**
 * Trades the refresh cookie for a new access token; true when signed in after it. Tabs take turns
 * (Web Locks): the cookie is rotated on each use, and two tabs sending the same one at once would look
 * like a stolen copy and end the session.
 */
export function refreshSession() {
  refreshing ??= withLock(async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-NGK-Refresh': '1' },
      });
      if (res.status === 401) {
        forget();
        return false;
      }
      // The server is briefly away (503): keep what is known; the next call tries again.
      if (!res.ok) return accessToken !== null;
      saveSession(await res.json(), user ?? {});
      return true;
    } catch {
      // Offline: keep what is known; the next call tries again.
      return accessToken !== null;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withLock(run) {
  return navigator.locks?.request ? navigator.locks.request('ngk.refresh', run) : run();
}
