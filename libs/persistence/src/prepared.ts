/**
 * Statements the apps run on every request with the same text (the token's user, the item by id, its
 * tasks) are parsed and planned by PostgreSQL once per connection rather than on every call: each text
 * given to `prepared` gets a name, and the apps' connections (GuardedClient) send it as a named prepared
 * statement. PostgreSQL spends about as long planning these lookups as running them. Only texts fixed
 * at build time, or drawn from a small set (one per visibility rule), belong here: every connection keeps
 * each one it has run for its whole life.
 */
const names = new Map<string, string>();

/** Marks `text` as a statement to prepare once per connection; returns the text, to pass to `query`. */
export function prepared(text: string): string {
  if (!names.has(text)) names.set(text, `ngk_${names.size + 1}`);
  return text;
}

/** The name of a text given to `prepared`, or undefined for any other. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
