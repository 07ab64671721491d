// The signed-in user, kept for the browser tab only (sessionStorage): closing the tab signs out.

const TOKEN_KEY = 'ngk.token';
const USER_KEY = 'ngk.user';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** { userId, username, displayName, role, unitId, … } or null. */
export function currentUser() {
  const raw = sessionStorage.getItem(USER_KEY);
  if (!raw || !token()) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export function saveSession(accessToken, user) {
  sessionStorage.setItem(TOKEN_KEY, accessToken);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function updateUser(user) {
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}
