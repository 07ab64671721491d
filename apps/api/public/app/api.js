import { clearSession, expiresSoon, refreshSession, token } from './session.js';

/** A refused or failed request: the HTTP status, the API's body and its field errors. */
export class ApiError extends Error {
  constructor(status, body) {
    super(messageOf(body) || (status ? `HTTP ${status}` : ''));
    this.status = status;
    this.body = body;
    /** [{ field, reason }] from a 400 or 422 answer (see the API's validation). */
    this.fieldErrors = Array.isArray(body?.errors) ? body.errors : [];
  }
}

function messageOf(body) {
  if (!body) return '';
  if (Array.isArray(body.message)) return body.message.join('; ');
  return typeof body.message === 'string' ? body.message : '';
}

/** Query string from an object, leaving out empty values. */
export function queryString(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readBody(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}

/**
 * Calls the API with the session's Bearer token, renewed from the refresh cookie when it expires.
 * Resolves with the JSON body (or the Response when `raw`); rejects with an ApiError. A 401 that a
 * renewal does not cure means the session is over.
 */
export async function api(path, options = {}) {
  if (expiresSoon()) await refreshSession();
  const bearer = token();
  let res = await send(path, options, bearer);
  // A 401 is refused before anything happens, so sending the request again is safe.
  if (res.status === 401 && bearer && (await refreshSession())) res = await send(path, options, token());
  if (!res.ok) {
    const error = new ApiError(res.status, await readBody(res));
    if (res.status === 401 && bearer) {
      clearSession();
      window.dispatchEvent(new CustomEvent('ngk:signed-out', { detail: { expired: true } }));
    }
    throw error;
  }
  if (options.raw) return res;
  return res.status === 204 ? null : readBody(res);
}

/** `body` is sent as JSON, or as it is with `contentType` (a CSV file's text). */
async function send(path, { method = 'GET', body, contentType, query, headers = {} }, bearer) {
  const sent = { Accept: 'application/json', ...headers };
  if (bearer) sent.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) sent['Content-Type'] = contentType ?? 'application/json';
  try {
    return await fetch(path + queryString(query), {
      method,
      headers: sent,
      body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
}

/** A key that makes a retried request (a submission, an action) count once: the retry gets the first answer. */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
