import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { describeError, field, withProgress } from '../../forms.js';
import { date, number } from '../../format.js';
import { nameOf, t } from '../../i18n.js';
import { currentUnits, serverToday } from '../../refdata.js';
import { flash, showBanner } from '../../shell.js';
import { adminForm, afterSave, createCard, recordCard } from './admin.js';

/** How often a running reorganization's progress is read again while its card is open. */
const POLL_MS = 2_000;

/** Items a preview or the review list shows by name; the rest are counted. */
const SHOWN = 50;

/**
 * Reorganizations: a decision ("Nghị quyết …") ends units and names each one's successor; communes come
 * as a CSV file. Each is previewed (nothing written), then run: its progress is read while it moves the
 * items, and the items whose unit has no single successor wait in its review list.
 */
export async function reorganizationsSection(container, context) {
  const [reorganizations, units, today] = await Promise.all([
    api('/api/reorganizations'),
    api('/api/units'),
    serverToday(),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const list = h(
    'div',
    { class: 'admin-list', 'data-testid': 'admin-list' },
    reorganizations.map((r) =>
      recordCard({
        key: r.id,
        entity: context.entity,
        testid: `reorganization-${r.id}`,
        title: h('strong', {}, r.decisionNo),
        facts: [
          t('reorg.facts', { decided: date(r.decisionDate), effective: date(r.effectiveDate) }),
          ' · ',
          progressLine(r),
        ],
        change: context.lastChange.get(r.id),
        body: reorganizationBody(r, byId, context),
      }),
    ),
  );
  replace(container, createCard('reorganizations', decisionForm(units, today, context)), list);
}

/** "Đang thực hiện: 12/50 kiến nghị…" */
function progressLine(r) {
  const status = t(`reorg.status.${r.status}`);
  if (r.total === null) return status;
  return `${status}: ${t('reorg.progress', { done: number(r.done), total: number(r.total), moved: number(r.moved), review: number(r.review) })}`;
}

/** The decision: its number and dates, and the units it ends, each with its successor or none. */
function decisionForm(units, today, context) {
  const f = (name, options = {}) => field({ name, labelText: t(`reorg.field.${name}`), ...options });
  const decisionNo = f('decisionNo', { required: true, attrs: { placeholder: 'Nghị quyết số …/NQ-…' } });
  const decisionDate = f('decisionDate', { type: 'date', required: true });
  const effectiveDate = f('effectiveDate', { type: 'date', required: true });
  const note = f('note', { control: 'textarea' });
  const current = currentUnits(units, today).filter((u) => u.kind !== 'commune');
  const rows = h('div', { class: 'admin-reminders', 'data-testid': 'reorg-units' });
  const addRow = () => rows.append(unitRow(rows, current));
  addRow();
  const fieldset = h(
    'fieldset',
    { class: 'field', 'data-field': 'units' },
    h('legend', {}, t('reorg.field.units')),
    h('p', { class: 'hint' }, t('reorg.unitsHint')),
    h('p', { class: 'field-error', hidden: true, 'data-testid': 'error-units' }),
    rows,
    h('button', { type: 'button', class: 'button', onclick: addRow }, t('reorg.addUnit')),
  );
  return adminForm({
    testid: 'reorg-create',
    fields: [
      decisionNo.wrapper,
      h('div', { class: 'form-row' }, decisionDate.wrapper, effectiveDate.wrapper),
      note.wrapper,
      fieldset,
    ],
    run: () => {
      const chosen = [...rows.children].filter((row) => row.querySelector('[data-part="unit"]').value);
      chosen.forEach((row, i) => renumber(row, i));
      return api('/api/reorganizations', {
        method: 'POST',
        body: {
          decisionNo: decisionNo.input.value,
          decisionDate: decisionDate.input.value,
          effectiveDate: effectiveDate.input.value,
          ...(note.input.value.trim() ? { note: note.input.value } : {}),
          units: chosen.map((row) => ({
            unitId: row.querySelector('[data-part="unit"]').value,
            successorId: row.querySelector('[data-part="successor"]').value || null,
          })),
        },
      });
    },
    done: afterSave(context, t('reorg.created')),
  });
}

/** One ended unit and its successor; named units.<n>.… so the API's errors land beside them. */
function unitRow(rows, units) {
  const options = units.map((u) => ({ value: u.id, label: nameOf(u) }));
  const unit = field({
    name: 'units.n.unitId',
    labelText: t('reorg.field.unitId'),
    control: 'select',
    options: [{ value: '', label: t('field.choose') }, ...options],
    attrs: { 'data-part': 'unit' },
  });
  const successor = field({
    name: 'units.n.successorId',
    labelText: t('reorg.field.successorId'),
    control: 'select',
    options: [{ value: '', label: t('reorg.noSuccessor') }, ...options],
    attrs: { 'data-part': 'successor' },
  });
  const row = h('div', { class: 'attachment-row', 'data-field': 'units.n' }, unit.wrapper, successor.wrapper);
  row.append(
    h('button', { type: 'button', class: 'button', onclick: () => row.remove() }, t('reorg.removeUnit')),
  );
  return row;
}

function renumber(row, i) {
  row.dataset.field = `units.${i}`;
  for (const wrapper of row.querySelectorAll('[data-field]'))
    wrapper.dataset.field = wrapper.dataset.field.replace(/^units\.(n|\d+)\./, `units.${i}.`);
}

/** A reorganization's card: its units, the commune file (while a draft), preview, run, progress, review. */
function reorganizationBody(r, byId, context) {
  const unitName = (id) => (id ? nameOf(byId.get(id)) || id : t('reorg.noSuccessor'));
  const progress = h('p', { 'data-testid': 'reorg-progress', 'aria-live': 'polite' }, progressLine(r));
  const results = h('div', { 'data-testid': 'reorg-results' });
  const button = (label, testid, run) => {
    const b = h('button', { type: 'button', class: 'button', 'data-testid': testid }, label);
    b.addEventListener('click', () =>
      withProgress(b, () => run().catch((err) => showBanner(describeError(err)))),
    );
    return b;
  };
  const body = h(
    'div',
    {},
    r.note ? h('p', {}, r.note) : null,
    h(
      'ul',
      { class: 'plain', 'data-testid': 'reorg-unit-list' },
      r.units.map((u) =>
        h('li', {}, t('reorg.unitMove', { from: unitName(u.unitId), to: unitName(u.successorId) })),
      ),
    ),
    r.status === 'draft' ? communesForm(r, context) : null,
    progress,
    h(
      'div',
      { class: 'form-actions' },
      button(t('reorg.preview'), 'reorg-preview', async () =>
        replace(results, previewView(await api(`/api/reorganizations/${r.id}/preview`), unitName, r.status)),
      ),
      r.status === 'done'
        ? null
        : button(t('reorg.run'), 'reorg-run', async () => {
            await api(`/api/reorganizations/${r.id}/run`, { method: 'POST' });
            flash(t('reorg.started'));
            context.reload();
          }),
      r.status === 'draft'
        ? null
        : button(t('reorg.review'), 'reorg-review', async () =>
            replace(results, reviewView(await api(`/api/reorganizations/${r.id}/review`), unitName)),
          ),
    ),
    results,
  );
  if (r.status === 'running') poll(r, progress, context);
  return body;
}

/** Reads the progress again while the run goes on and the screen is shown. */
function poll(r, progress, context) {
  const timer = setInterval(async () => {
    if (!context.isCurrent() || !progress.isConnected) return clearInterval(timer);
    const now = await api(`/api/reorganizations/${r.id}`).catch(() => null);
    if (!now) return;
    replace(progress, progressLine(now));
    if (now.status === 'done') {
      clearInterval(timer);
      context.reload();
    }
  }, POLL_MS);
}

/** Commune mergers, pasted or read from a file: `old_code,new_code` per line. */
function communesForm(r, context) {
  // Named `line` as the API names each refused line (line.<n>), so its errors show here.
  const csv = field({
    name: 'line',
    testid: 'reorg-csv',
    labelText: t('reorg.field.csv'),
    control: 'textarea',
    hint: t('reorg.csvHint'),
    attrs: { rows: 6, spellcheck: 'false' },
  });
  const file = h('input', { type: 'file', accept: '.csv,text/csv', 'data-testid': 'reorg-csv-file' });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) csv.input.value = await file.files[0].text();
  });
  return adminForm({
    testid: 'reorg-communes',
    submitLabel: t('reorg.addCommunes'),
    fields: [csv.wrapper, h('div', { class: 'field' }, file)],
    run: () =>
      api(`/api/reorganizations/${r.id}/communes`, {
        method: 'POST',
        body: csv.input.value,
        contentType: 'text/csv',
      }),
    done: (result) => {
      flash(t('reorg.communesAdded', { units: result.units, ambiguous: result.ambiguous }));
      context.reload();
    },
  });
}

/** What the run would do: rules, accounts and items that move or wait for an admin. */
function previewView(p, unitName, status) {
  const count = (label, move, decide) =>
    h('li', {}, t(label, { move: number(move.length), decide: number(decide.length) }));
  return h(
    'div',
    { 'data-testid': 'reorg-preview-result' },
    // Before the run: what it would do; after it: what still names the ended units.
    h('h3', {}, t(status === 'draft' ? 'reorg.previewTitle' : 'reorg.previewDoneTitle')),
    h(
      'ul',
      { class: 'plain' },
      count('reorg.previewRules', p.rules.move, p.rules.decide),
      count('reorg.previewAccounts', p.accounts.move, p.accounts.decide),
      count('reorg.previewItems', p.items.move, p.items.review),
    ),
    itemList(
      p.items.move,
      (i) => `→ ${Object.values(i.moves).map(unitName).join(', ')}`,
      p.items.total - p.items.review.length,
    ),
    p.items.review.length ? h('h3', {}, t('reorg.reviewTitle')) : null,
    itemList(p.items.review, heldBy(unitName), p.items.review.length),
  );
}

/** The items left for an admin, and accounts whose unit has no single successor. */
function reviewView(review, unitName) {
  return h(
    'div',
    { 'data-testid': 'reorg-review-result' },
    h('h3', {}, t('reorg.reviewTitle')),
    review.items.length
      ? itemList(review.items, heldBy(unitName), review.items.length)
      : h('p', { class: 'muted' }, t('reorg.reviewEmpty')),
    review.accounts.length ? h('h3', {}, t('reorg.accountsTitle')) : null,
    h(
      'ul',
      { class: 'plain' },
      review.accounts.map((a) => h('li', {}, `${a.displayName} (${a.username}) · ${unitName(a.unitId)}`)),
    ),
  );
}

/** An item left for an admin: the ended units it still names, none of which has one successor. */
function heldBy(unitName) {
  return (i) => t('reorg.heldBy', { units: i.unitIds.map(unitName).join(', ') });
}

function itemList(items, to, total) {
  return h(
    'ul',
    { class: 'plain' },
    items
      .slice(0, SHOWN)
      .map((i) =>
        h(
          'li',
          {},
          h('a', { href: `#/item/${encodeURIComponent(i.id)}` }, i.reference),
          ` ${i.title} ${to(i)}`,
        ),
      ),
    total > SHOWN ? h('li', { class: 'muted' }, t('reorg.more', { n: number(total - SHOWN) })) : null,
  );
}
