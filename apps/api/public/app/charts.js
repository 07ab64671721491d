import { h, svg } from './dom.js';
import { t } from './i18n.js';
import { wholeTicks, wrapLabel } from './ticks.js';

// Small charts drawn as inline SVG: no library, nothing inline for the Content-Security-Policy to refuse.
// Each is drawn at its own size, one SVG unit a CSS pixel, so its 13 px text stays 13 px: a chart wider
// than its card scrolls inside its own container rather than shrinking its labels.

const LABEL_WIDTH = 200;
const BAR_AREA = 220;
const VALUE_WIDTH = 64;
const LINE_HEIGHT = 16;
/** Characters of a unit's name per line at 13 px in LABEL_WIDTH. */
const LABEL_CHARS = 26;

/** A box a wide chart scrolls in; it takes the keyboard focus so it can be scrolled without a mouse. */
function scroller(chart, title) {
  return h('div', { class: 'chart-scroll', tabindex: '0', role: 'region', 'aria-label': title }, chart);
}

/**
 * A chart wider than its box opens scrolled so that `right` (in the chart's units) is at its right
 * edge: a phone sees the latest months with figures, not the empty ones the span begins with. Set once,
 * when the box is first laid out; the reader scrolls freely after.
 */
function openAt(box, right) {
  const observer = new ResizeObserver(() => {
    if (box.clientWidth === 0) return;
    observer.disconnect();
    box.scrollLeft = Math.max(0, right - box.clientWidth);
  });
  observer.observe(box);
  return box;
}

/**
 * A chart that scrolls sideways keeps its values' axis in view: the axis follows the scroll, so a phone
 * opened on the latest months still reads what the bars' heights mean.
 */
function withFixedAxis(box, axis) {
  const follow = () => axis.setAttribute('transform', `translate(${box.scrollLeft} 0)`);
  box.addEventListener('scroll', follow, { passive: true });
  new ResizeObserver(follow).observe(box);
  return box;
}

/** A small table beside a chart: the same figures with full names, for reading and for screen readers. */
function figuresTable(testid, headers, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'numbers chart-table', 'data-testid': testid },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map(([name, ...cells]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, name),
            cells.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

/**
 * Horizontal bars of a 0..1 value per row: [{ label, value, text, href }]. A row without a value shows
 * its text only (no bar). Long names wrap on two lines, then end with "…"; the full name is the row's
 * <title> and stands in the table beside the chart. Each row links to its `href`.
 */
export function barChart(rows, { title, valueHeader }) {
  const laid = rows.map((row) => ({ ...row, lines: wrapLabel(row.label, LABEL_CHARS, 2) }));
  const heights = laid.map((row) => Math.max(28, row.lines.length * LINE_HEIGHT + 10));
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = heights.reduce((a, b) => a + b, 0) + 8;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'chart chart-bars',
    // Rows that link are controls of their own: a picture (role img) may not hold them.
    role: rows.some((row) => row.href) ? 'group' : 'img',
    'aria-label': title,
    'data-testid': 'chart-on-time',
  });
  let top = 4;
  laid.forEach((row, i) => {
    const rowHeight = heights[i];
    const middle = top + rowHeight / 2;
    const barWidth = row.value === null ? 0 : Math.max(1, row.value * BAR_AREA);
    const firstBaseline = middle - ((row.lines.length - 1) * LINE_HEIGHT) / 2 + 4.5;
    const group = svg(
      'g',
      { class: 'bar-row' },
      svg('title', {}, `${row.label}: ${row.text}`),
      svg(
        'text',
        { x: LABEL_WIDTH - 8, y: firstBaseline, class: 'axis-label', 'text-anchor': 'end' },
        row.lines.map((line, n) =>
          svg('tspan', { x: LABEL_WIDTH - 8, y: firstBaseline + n * LINE_HEIGHT }, line),
        ),
      ),
      svg('rect', { x: LABEL_WIDTH, y: middle - 9, width: BAR_AREA, height: 18, class: 'bar-track' }),
      svg('rect', {
        x: LABEL_WIDTH,
        y: middle - 9,
        width: barWidth,
        height: 18,
        class: row.value !== null && row.value < 0.8 ? 'bar bar-low' : 'bar',
      }),
      svg('text', { x: LABEL_WIDTH + BAR_AREA + 6, y: middle + 4.5, class: 'value-label' }, row.text),
    );
    chart.append(row.href ? svg('a', { href: row.href }, group) : group);
    top += rowHeight;
  });
  return h(
    'div',
    { class: 'chart-with-table' },
    scroller(chart, title),
    figuresTable(
      'chart-on-time-table',
      [t('col.unit'), valueHeader ?? title],
      rows.map((row) => [row.href ? h('a', { href: row.href }, row.label) : row.label, row.text]),
    ),
  );
}

/**
 * Columns per month (received and resolved side by side) and a line for items overdue now:
 * trend = [{ month: 'YYYY-MM', total, resolved, overdue }]. The y axis has whole-number ticks and its
 * top is the last tick, so every bar ends on the value it stands for.
 */
export function trendChart(trend, { title }) {
  const ticks = wholeTicks(Math.max(0, ...trend.flatMap((m) => [m.total, m.resolved, m.overdue])));
  const max = ticks[ticks.length - 1];
  const digits = String(max).length;
  const left = 14 + digits * 8;
  const bottom = 40;
  const top = 12;
  const plotHeight = 180;
  const step = Math.max(34, Math.min(56, 480 / Math.max(1, trend.length)));
  const width = left + trend.length * step + 10;
  const height = top + plotHeight + bottom;
  const y = (v) => top + plotHeight - (v / max) * plotHeight;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'chart chart-trend',
    role: 'img',
    'aria-label': title,
    'data-testid': 'chart-trend',
    'data-ticks': ticks.join(','),
  });
  for (const value of ticks)
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y(value), y2: y(value), class: 'grid-line' }));
  const barWidth = step * 0.32;
  const monthText = (m) => {
    const [year, month] = m.month.split('-');
    return `${month}/${year}`;
  };
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
          `${monthText(m)}: ${t('dash.trendTotal')} ${m.total}, ${t('dash.trendResolved')} ${m.resolved} (${t('kpi.onTime')} ${m.onTime}, ${t('kpi.onTimeAfterExtension')} ${m.onTimeAfterExtension}, ${t('kpi.late')} ${m.late}), ${t('dash.trendOverdue')} ${m.overdue}, ${t('col.reopened')} ${m.reopened}`,
        ),
        svg('rect', {
          x,
          y: y(m.total),
          width: barWidth,
          height: y(0) - y(m.total),
          class: 'bar-total',
          'data-value': m.total,
        }),
        svg('rect', {
          x: x + barWidth + 2,
          y: y(m.resolved),
          width: barWidth,
          height: y(0) - y(m.resolved),
          class: 'bar-resolved',
          'data-value': m.resolved,
        }),
      ),
      // The month under its columns; the year under the first month and each January.
      svg(
        'text',
        { x: left + i * step + step / 2, y: height - 22, class: 'axis-label', 'text-anchor': 'middle' },
        month,
      ),
      i === 0 || month === '01'
        ? svg(
            'text',
            { x: left + i * step + step / 2, y: height - 6, class: 'axis-label', 'text-anchor': 'middle' },
            year,
          )
        : null,
    );
  });
  const points = trend.map((m, i) => `${left + i * step + step / 2},${y(m.overdue)}`).join(' ');
  if (trend.length) chart.append(svg('polyline', { points, class: 'line-overdue' }));
  trend.forEach((m, i) =>
    chart.append(
      svg('circle', { cx: left + i * step + step / 2, cy: y(m.overdue), r: 3, class: 'dot-overdue' }),
    ),
  );
  // The values' axis, drawn last on a backing of its own so the months pass under it.
  const axis = svg(
    'g',
    { class: 'y-axis' },
    svg('rect', { x: 0, y: 0, width: left - 2, height: top + plotHeight + 6, class: 'axis-backing' }),
    ticks.map((value) =>
      svg(
        'text',
        { x: left - 6, y: y(value) + 4.5, class: 'axis-label', 'text-anchor': 'end', 'data-tick': value },
        String(value),
      ),
    ),
  );
  chart.append(axis);
  // The last month with any figure, or the latest month when none has one.
  const shown = trend.findLastIndex((m) => m.total + m.resolved + m.overdue > 0);
  const right = left + ((shown < 0 ? trend.length - 1 : shown) + 1) * step + 10;
  return h(
    'figure',
    { class: 'chart-figure' },
    withFixedAxis(openAt(scroller(chart, title), right), axis),
    h(
      'figcaption',
      { class: 'legend' },
      h('span', { class: 'key key-total' }, t('dash.trendTotal')),
      h('span', { class: 'key key-resolved' }, t('dash.trendResolved')),
      h('span', { class: 'key key-overdue' }, t('dash.trendOverdue')),
    ),
    h(
      'details',
      { class: 'chart-details' },
      h('summary', {}, t('dash.trendTable')),
      figuresTable(
        'chart-trend-table',
        [
          t('dash.month'),
          t('dash.trendTotal'),
          t('dash.trendResolved'),
          t('kpi.onTime'),
          t('kpi.onTimeAfterExtension'),
          t('kpi.late'),
          t('dash.trendOverdue'),
          t('col.reopened'),
        ],
        trend.map((m) => [
          monthText(m),
          m.total,
          m.resolved,
          m.onTime,
          m.onTimeAfterExtension,
          m.late,
          m.overdue,
          m.reopened,
        ]),
      ),
    ),
  );
}
