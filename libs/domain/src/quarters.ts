/** Calendar quarters as the province reports them, in Việt Nam's dates. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day of a quarter (YYYY-MM-DD, both included). */
export function quarterDates({ year, quarter }: Quarter): { from: string; to: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate();
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(firstMonth + 2)}-${pad(lastDay)}`,
  };
}

/** The quarter before the one that holds `at`, judged on Việt Nam's calendar (UTC+7, no summer time). */
export function previousQuarter(at: Date): Quarter {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const current = Math.floor(local.getUTCMonth() / 3) + 1;
  return current === 1
    ? { year: local.getUTCFullYear() - 1, quarter: 4 }
    : { year: local.getUTCFullYear(), quarter: (current - 1) as Quarter['quarter'] };
}

/** The quarter before a quarter. */
export function quarterBefore({ year, quarter }: Quarter): Quarter {
  return quarter === 1
    ? { year: year - 1, quarter: 4 }
    : { year, quarter: (quarter - 1) as Quarter['quarter'] };
}

/** The quarter after a quarter. */
export function quarterAfter({ year, quarter }: Quarter): Quarter {
  return quarter === 4
    ? { year: year + 1, quarter: 1 }
    : { year, quarter: (quarter + 1) as Quarter['quarter'] };
}

/** The quarter a local date (YYYY-MM-DD) falls in. */
export function quarterContaining(date: string): Quarter {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}
