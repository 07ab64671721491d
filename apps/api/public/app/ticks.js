// Axis arithmetic for the charts, apart from the DOM so it can be tested on its own.

/**
 * Whole-number ticks from 0 that cover `max`: the step is the smallest of 1, 2, 5 × 10^n that needs at
 * most `most` intervals, and the last tick is the axis's top. A bar of 3 on 0/1/2/3 ends on the "3".
 */
export function wholeTicks(max, most = 6) {
  const top = Math.max(1, Math.ceil(Number.isFinite(max) ? max : 0));
  let step = 1;
  for (let power = 1; Math.ceil(top / step) > most;) {
    const next = [1, 2, 5].map((m) => m * power).find((s) => s > step && Math.ceil(top / s) <= most);
    if (next) step = next;
    else {
      step = 5 * power;
      power *= 10;
    }
  }
  const count = Math.ceil(top / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/**
 * A name in at most `lines` lines of about `width` characters, broken between words; what does not fit
 * ends with "…" (the full name goes in the chart's <title> and in the table beside it).
 */
export function wrapLabel(text, width = 26, lines = 2) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const out = [];
  let line = '';
  let used = 0;
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) {
      line = candidate;
    } else {
      out.push(line);
      line = word;
    }
    if (out.length === lines) break;
    used++;
  }
  if (out.length < lines && line) out.push(line);
  const cut = (l) => `${l.slice(0, width - 1).trimEnd()}…`;
  // A line too long for its room (one long word) ends the label there.
  const tooLong = out.findIndex((l) => l.length > width);
  if (tooLong >= 0) return [...out.slice(0, tooLong), cut(out[tooLong])];
  if (used < words.length) {
    const last = out[out.length - 1];
    out[out.length - 1] = last.length >= width ? cut(last) : `${last}…`;
  }
  return out;
}
