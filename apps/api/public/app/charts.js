import { h, svg } from './dom.js';
import { t } from './i18n.js';

// Small charts drawn as inline SVG: no library, nothing inline for the Content-Security-Policy to refuse.

const LABEL_WIDTH = 230;
const BAR_AREA = 330;
const ROW_HEIGHT = 26;

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Horizontal bars of a 0..1 value per row: [{ label, value, text, href }]. A row without a value shows
 * its text only (no bar). Each row links to its `href`.
 */
export function barChart(rows, { title }) {
  const width = LABEL_WIDTH + BAR_AREA + 70;
  const height = rows.length * ROW_HEIGHT + 8;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart chart-bars',
    // Rows that link are controls of their own: a picture (role img) may not hold them.
    role: rows.some((row) => row.href) ? 'group' : 'img',
    'aria-label': title,
    'data-testid': 'chart-on-time',
  });
  rows.forEach((row, i) => {
    const y = i * ROW_HEIGHT + 4;
    const barWidth = row.value === null ? 0 : Math.max(1, row.value * BAR_AREA);
    const group = svg(
      'g',
      { class: 'bar-row' },
      svg('title', {}, `${row.label}: ${row.text}`),
      svg(
        'text',
        { x: LABEL_WIDTH - 8, y: y + 16, class: 'axis-label', 'text-anchor': 'end' },
        shorten(row.label, 34),
      ),
      svg('rect', { x: LABEL_WIDTH, y: y + 3, width: BAR_AREA, height: ROW_HEIGHT - 8, class: 'bar-track' }),
      svg('rect', {
        x: LABEL_WIDTH,
        y: y + 3,
        width: barWidth,
        height: ROW_HEIGHT - 8,
        class: row.value !== null && row.value < 0.8 ? 'bar bar-low' : 'bar',
      }),
      svg('text', { x: LABEL_WIDTH + BAR_AREA + 6, y: y + 16, class: 'value-label' }, row.text),
    );
    chart.append(row.href ? svg('a', { href: row.href }, group) : group);
  });
  return chart;
}

/** A round ceiling for an axis: 1, 2, 5 × 10^n. */
function niceMax(value) {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
}

/**
 * Columns per month (received and resolved side by side) and a line for items overdue now:
 * trend = [{ month: 'YYYY-MM', total, resolved, overdue }].
 */
export function trendChart(trend, { title }) {
  const left = 36;
  const bottom = 28;
  const top = 10;
  const plotHeight = 180;
  const step = Math.max(28, Math.min(60, 640 / Math.max(1, trend.length)));
  const width = left + trend.length * step + 10;
  const height = top + plotHeight + bottom;
  const max = niceMax(Math.max(1, ...trend.flatMap((m) => [m.total, m.resolved, m.overdue])));
  const y = (v) => top + plotHeight - (v / max) * plotHeight;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart chart-trend',
    role: 'img',
    'aria-label': title,
    'data-testid': 'chart-trend',
  });
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    chart.append(
      svg('line', { x1: left, x2: width - 4, y1: y(value), y2: y(value), class: 'grid-line' }),
      svg(
        'text',
        { x: left - 6, y: y(value) + 4, class: 'axis-label', 'text-anchor': 'end' },
        String(Math.round(value)),
      ),
    );
  }
  const barWidth = step * 0.32;
  trend.forEach((m, i) => {
    const x = left + i * step + step * 0.15;
    const [year, month] = m.month.split('-');
    chart.append(
      svg(
        'g',
        {},
        svg(
          'title',
          {},
          `${month}/${year}: ${t('dash.trendTotal')} ${m.total}, ${t('dash.trendResolved')} ${m.resolved}, ${t('dash.trendOverdue')} ${m.overdue}`,
        ),
        svg('rect', { x, y: y(m.total), width: barWidth, height: y(0) - y(m.total), class: 'bar-total' }),
        svg('rect', {
          x: x + barWidth + 2,
          y: y(m.resolved),
          width: barWidth,
          height: y(0) - y(m.resolved),
          class: 'bar-resolved',
        }),
      ),
      svg(
        'text',
        { x: left + i * step + step / 2, y: height - 10, class: 'axis-label', 'text-anchor': 'middle' },
        `${month}/${year.slice(2)}`,
      ),
    );
  });
  const points = trend.map((m, i) => `${left + i * step + step / 2},${y(m.overdue)}`).join(' ');
  if (trend.length) chart.append(svg('polyline', { points, class: 'line-overdue' }));
  trend.forEach((m, i) =>
    chart.append(
      svg('circle', { cx: left + i * step + step / 2, cy: y(m.overdue), r: 3, class: 'dot-overdue' }),
    ),
  );
  return h(
    'figure',
    { class: 'chart-figure' },
    chart,
    h(
      'figcaption',
      { class: 'legend' },
      h('span', { class: 'key key-total' }, t('dash.trendTotal')),
      h('span', { class: 'key key-resolved' }, t('dash.trendResolved')),
      h('span', { class: 'key key-overdue' }, t('dash.trendOverdue')),
    ),
  );
}
