/** What the bell shows: how many are unread, and the newest notification's number (0: none yet). */
export interface UnreadState {
  unreadCount: number;
  latestId: string;
}

/**
 * The entity tag of an unread state. The answer's body is made of these two numbers only, so equal tags
 * mean equal bodies: a poll that finds them unchanged is answered 304 without a body.
 */
export function unreadEtag(state: UnreadState): string {
  return `W/"n${state.unreadCount}-${state.latestId}"`;
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
