import type { UnitKind } from './units';

/** Where an ended unit's work goes: its one successor, or null when an admin must decide (several, none). */
export type Succession = Readonly<Record<string, string | null>>;

/** One line of a commune merger file: the old commune's code and the code of the one it joins. */
export interface SuccessionLine {
  line: number;
  oldCode: string;
  newCode: string;
}

/** A line of the file that cannot be read, by its number (1 is the first line). */
export interface SuccessionLineError {
  line: number;
  reason: string;
}

/** Longest merger file taken in one request: a province's communes, many times over. */
export const MAX_SUCCESSION_LINES = 20_000;

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads a commune merger file: `old_code,new_code` per line, an optional header naming those two columns,
 * blank lines and a final newline ignored, values optionally in double quotes. Strict: every other line is
 * an error named by its number, and nothing is taken from a file with one.
 */
export function parseSuccessionCsv(
  text: string,
): { lines: SuccessionLine[]; errors: [] } | { lines: []; errors: SuccessionLineError[] } {
  const lines: SuccessionLine[] = [];
  const errors: SuccessionLineError[] = [];
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = rows.findIndex((r) => r.trim() !== '') + 1;
  rows.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
    const header = /^old[_ ]?code$/i.test(cells[0] ?? '') && /^new[_ ]?code$/i.test(cells[1] ?? '');
    if (header && line === first) return;
    if (header) {
      errors.push({ line, reason: 'the header old_code,new_code may only be the first line' });
      return;
    }
    if (cells.length !== 2) {
      errors.push({ line, reason: `expected 2 columns (old_code,new_code), found ${cells.length}` });
      return;
    }
    const [oldCode, newCode] = cells;
    if (!CODE.test(oldCode) || !CODE.test(newCode)) {
      errors.push({ line, reason: 'a unit code is letters, digits, ".", "_" or "-", at most 64' });
      return;
    }
    if (oldCode === newCode) {
      errors.push({ line, reason: 'a commune cannot succeed itself' });
      return;
    }
    lines.push({ line, oldCode, newCode });
  });
  if (lines.length + errors.length > MAX_SUCCESSION_LINES)
    return {
      lines: [],
      errors: [{ line: MAX_SUCCESSION_LINES + 1, reason: `at most ${MAX_SUCCESSION_LINES} lines` }],
    };
  return errors.length > 0 ? { lines: [], errors } : { lines, errors: [] };
}

/**
 * The succession the lines give: an old unit named with one new unit goes to it; named with several, it
 * goes to none, and its items wait for an admin (never guessed).
 */
export function successionOf(pairs: readonly { unitId: string; successorId: string | null }[]): Succession {
  const named = new Map<string, Set<string | null>>();
  for (const { unitId, successorId } of pairs) {
    const set = named.get(unitId) ?? new Set();
    set.add(successorId);
    named.set(unitId, set);
  }
  return Object.fromEntries([...named].map(([unitId, set]) => [unitId, set.size === 1 ? [...set][0] : null]));
}

/** Whether a unit of one kind may take over the work of an ended unit of another: communes to communes. */
export function successorKindFits(ended: UnitKind, successor: UnitKind): boolean {
  return (ended === 'commune') === (successor === 'commune');
}

/** The units an open item is held by, as its workflow or the read model knows them. */
export interface HeldUnits {
  leadUnitId: string | null;
  coordinatingUnitIds: readonly string[];
}

/**
 * What a reorganization does to one item: `move` maps each ended unit the item is held by to its
 * successor; `review` lists the ended units holding it that have no single successor (the item is then
 * left as it is); `none` when no ended unit holds it (already moved, or never concerned).
 */
export type ItemPlan =
  { kind: 'move'; moves: Record<string, string> } | { kind: 'review'; unitIds: string[] } | { kind: 'none' };

export function planItem(held: HeldUnits, succession: Succession): ItemPlan {
  const units = [...new Set([held.leadUnitId, ...held.coordinatingUnitIds])].filter(
    (u): u is string => u !== null && u in succession,
  );
  if (units.length === 0) return { kind: 'none' };
  const review = units.filter((u) => succession[u] === null);
  if (review.length > 0) return { kind: 'review', unitIds: review };
  return { kind: 'move', moves: Object.fromEntries(units.map((u) => [u, succession[u]!])) };
}

/**
 * The item's units after the moves: the lead replaced by its successor, each coordinating unit by its
 * own, a unit named twice kept once, and a coordinating unit that became the lead no longer coordinating.
 */
export function reassignedUnits(
  held: HeldUnits,
  moves: Readonly<Record<string, string>>,
): { leadUnitId: string | null; coordinatingUnitIds: string[] } {
  const to = (u: string) => moves[u] ?? u;
  const leadUnitId = held.leadUnitId === null ? null : to(held.leadUnitId);
  return { leadUnitId, coordinatingUnitIds: replaceUnits(held.coordinatingUnitIds, moves, leadUnitId) };
}

/** A list of units with the moved ones replaced, each once, without `except`. */
export function replaceUnits(
  unitIds: readonly string[],
  moves: Readonly<Record<string, string>>,
  except: string | null = null,
): string[] {
  return [...new Set(unitIds.map((u) => moves[u] ?? u))].filter((u) => u !== except);
}

/**
 * Why an item moved, as its timeline and its notifications say it: "Theo <decision>: chuyển từ X sang Y",
 * one clause per ended unit, each unit by the name given (its id when none is).
 */
export function reorganizationReason(
  decision: string,
  moves: Readonly<Record<string, string>>,
  names: Readonly<Record<string, string>> = {},
): string {
  const name = (u: string) => names[u] ?? u;
  const clauses = Object.entries(moves).map(([from, to]) => `chuyển từ ${name(from)} sang ${name(to)}`);
  return `Theo ${decision}: ${clauses.join('; ')}`;
}
