/**
 * Statements the apps run again and again with the same text (the token's user, the item by id, its
 * tasks, an event's projection) are parsed and planned by PostgreSQL once per connection rather than on
 * every call: each text given to `prepared` gets a name, and the apps' connections (GuardedClient) send it
 * as a named prepared statement. PostgreSQL spends about as long planning these as running them.
 *
 * Only texts fixed at build time, or drawn from a set the code bounds (one per visibility rule, one per
 * shape of an event's projection), belong here: every connection keeps each one it has run for its whole
 * life. The registry holds at most PREPARED_LIMIT texts; past it, a new text runs as any other, unnamed,
 * so a text that varied after all could cost planning time again, never the server's memory.
 */
const names = new Map<string, string>();

/** How many texts a process names; each connection keeps at most this many prepared statements. */
export const PREPARED_LIMIT = 256;

/** Marks `text` as a statement to prepare once per connection; returns the text, to pass to `query`. */
export function prepared(text: string): string {
  if (!names.has(text) && names.size < PREPARED_LIMIT) names.set(text, `ngk_${names.size + 1}`);
  return text;
}

/** The name of a text given to `prepared`, or undefined for any other (or one past the limit). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
