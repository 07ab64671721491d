/** Amounts in VND are whole numbers below 10^16 (a bigint column; far above any provincial budget). */
export const VND_MAX_DIGITS = 16;

/** Why a typed amount is not a whole number of đồng. */
export type VndAmountProblem = 'decimal' | 'ambiguous' | 'format' | 'too-large';

export type ParsedVndAmount = { ok: true; digits: string } | { ok: false; problem: VndAmountProblem };

/** Blanks people and keyboards put between groups: space, no-break space, narrow no-break and thin space. */
const BLANKS = /[\u00A0\u202F\u2009]/g;

/**
 * Reads an amount of đồng as people write it. Vietnamese groups thousands with dots ("1.500.000.000")
 * and writes decimals with a comma; English groups with commas. Accepted:
 * - plain digits: "1500000000";
 * - groups of three separated by one kind of separator throughout: dots ("1.500.000.000", and "1.500"
 *   is 1500: a dot followed by three digits is grouping, as in Vietnamese), blanks ("1 500 000 000"),
 *   or commas when there are at least two of them ("1,500,000,000").
 * Refused, each with its own reason:
 * - "decimal": a decimal part ("1,5", "1.500.000,50", "1500.00"): đồng have no fraction;
 * - "ambiguous": one comma before three digits ("1,500") is 1.5 in Vietnamese and 1500 in English;
 * - "too-large": more than VND_MAX_DIGITS digits; "format": anything else (signs, letters, "01").
 */
export function parseVndAmount(text: string): ParsedVndAmount {
  const typed = text.replace(BLANKS, ' ').trim();
  let digits: string | null = null;
  if (/^\d+$/.test(typed)) digits = typed;
  else if (/^\d{1,3}([. ])\d{3}(\1\d{3})*$/.test(typed) || /^\d{1,3}(,\d{3}){2,}$/.test(typed))
    digits = typed.replace(/[., ]/g, '');
  else if (/^\d{1,3},\d{3}$/.test(typed)) return { ok: false, problem: 'ambiguous' };
  else if (/^\d[\d., ]*[.,]\d+$/.test(typed)) return { ok: false, problem: 'decimal' };
  if (digits === null || !/^(0|[1-9]\d*)$/.test(digits)) return { ok: false, problem: 'format' };
  if (digits.length > VND_MAX_DIGITS) return { ok: false, problem: 'too-large' };
  return { ok: true, digits };
}
