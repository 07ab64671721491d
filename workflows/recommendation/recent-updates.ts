/** How many Update ids a run hands to the next. */
const KEPT = 100;

/**
 * The ids of the last Updates the item took. Temporal answers a repeated Update id from its own record,
 * but only within one run: a client's retry (same Idempotency-Key, same id) that reaches the next run
 * would be taken a second time. The ids travel with the item so that the next run knows them too.
 */
export class RecentUpdates {
  private readonly ids: string[];

  constructor(carried: readonly string[] = []) {
    this.ids = [...carried];
  }

  has(id: string | undefined): boolean {
    return id !== undefined && this.ids.includes(id);
  }

  add(id: string | undefined): void {
    if (id === undefined) return;
    this.ids.push(id);
    if (this.ids.length > KEPT) this.ids.shift();
  }

  carry(): string[] {
    return [...this.ids];
  }
}
