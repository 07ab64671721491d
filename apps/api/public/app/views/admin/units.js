import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { field } from '../../forms.js';
import { date } from '../../format.js';
import { nameOf, t } from '../../i18n.js';
import { currentUnits, serverToday } from '../../refdata.js';
import { datedUnitLabel } from '../filters.js';
import {
  adminForm,
  afterSave,
  createCard,
  filterBox,
  recordCard,
  selectedValues,
  selectValues,
} from './admin.js';

const KINDS = [
  'province',
  'standing-committee',
  'triage-office',
  'party-board',
  'provincial-committee',
  'department',
  'district',
  'commune',
];

/**
 * Units: names, parent, supervising body, head's title, validity and successors; kinds and codes are fixed
 * once made. Ended units stay listed with their dates; a unit in force with a parent can move under
 * another from a day. New links (parent, supervisor, successors, a move) offer units in force only.
 */
export async function unitsSection(container, context) {
  // Straight from the API: the page's cached reference data would miss a change made here.
  const [units, today] = await Promise.all([api('/api/units'), serverToday()]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const list = h(
    'div',
    { class: 'admin-list', 'data-testid': 'admin-list' },
    units.map((unit) =>
      recordCard({
        key: unit.id,
        entity: context.entity,
        testid: `unit-${unit.code}`,
        title: h('strong', {}, nameOf(unit)),
        facts: [
          // The code is what the reorganization's lists and the imports name a unit by.
          `${t(`unitKind.${unit.kind}`, null, unit.kind)} · ${t('admin.field.code')}: ${unit.code} · `,
          t('admin.validity', {
            from: date(unit.validFrom),
            to: unit.validTo ? date(unit.validTo) : t('admin.openEnded'),
          }),
          ...unitHistory(unit, byId),
        ],
        change: context.lastChange.get(unit.id),
        body: h(
          'div',
          {},
          section('unit-edit-section', t('admin.unitEditHeading'), unitForm({ unit, units, today, context })),
          moveSection({ unit, units, today, context }),
        ),
      }),
    ),
  );
  replace(container, createCard('units', unitForm({ units, today, context })), filterBox(list), list);
}

/** One part of a unit's card under its heading, so the forms do not run together. */
function section(testid, heading, ...content) {
  return h('section', { class: 'admin-section', 'data-testid': testid }, h('h3', {}, heading), ...content);
}

/** The unit's successors, and its parents over time when it has had more than one. */
function unitHistory(unit, byId) {
  const facts = [];
  if (unit.successors?.length) {
    const names = unit.successors.map((s) => nameOf(byId.get(s.id) ?? s)).join(', ');
    facts.push(h('br'), t('admin.successors', { names }));
    const decision = successorDecision(unit);
    if (decision) facts.push(` · ${t('admin.successorDecision', { decision })}`);
  }
  if ((unit.parents?.length ?? 0) > 1) {
    const spans = unit.parents.map((p) =>
      t('admin.parentSpan', {
        parent: nameOf(byId.get(p.parentId) ?? { nameVi: p.parentCode, nameEn: p.parentCode }),
        from: date(p.validFrom),
        to: p.validTo ? date(p.validTo) : t('admin.openEnded'),
      }),
    );
    facts.push(h('br'), t('admin.parentHistory', { spans: spans.join('; ') }));
  }
  return facts;
}

/** The decision that named the unit's successors, as recorded with them. */
function successorDecision(unit) {
  return (unit.successors ?? []).map((s) => s.decidedBy).find(Boolean) ?? null;
}

/**
 * The parents a unit may move under: a commune under a district or straight under the province (as
 * the 2025 reform did), any other unit under the province; in force today, other than where it is.
 */
function moveTargets(unit, units, today) {
  const kinds = unit.kind === 'commune' ? ['district', 'province'] : ['province'];
  return currentUnits(units, today).filter(
    (u) => kinds.includes(u.kind) && u.id !== unit.id && u.id !== unit.parentId,
  );
}

/**
 * Moving the unit under another parent from a day on, for a unit in force that has a parent and
 * somewhere to go: items of its days before count where they were.
 */
function moveSection({ unit, units, today, context }) {
  const inForce = currentUnits([unit], today).length === 1;
  const candidates = moveTargets(unit, units, today);
  if (!unit.parentId || !inForce || candidates.length === 0) return null;
  return section(
    'unit-move-section',
    t('admin.move'),
    h('p', { class: 'muted' }, t('admin.moveHint')),
    moveForm({ unit, candidates, today, context }),
  );
}

/** Moves the unit under another parent from a day on: items of its days before count where they were. */
function moveForm({ unit, candidates, today, context }) {
  // Named as the API names them, so a refusal shows under its control.
  const f = (name, options = {}) =>
    field({ name, testid: `move-${name}`, labelText: t(`admin.field.move.${name}`), ...options });
  const parent = f('parentId', {
    control: 'select',
    required: true,
    options: [
      { value: '', label: t('field.choose') },
      ...candidates.map((u) => ({ value: u.id, label: nameOf(u) })),
    ],
  });
  // From the unit's first day up to today on the server's clock, as the API allows.
  const from = f('from', { type: 'date', required: true, attrs: { min: unit.validFrom, max: today } });
  return adminForm({
    testid: 'unit-move',
    submitLabel: t('admin.move'),
    fields: [h('div', { class: 'form-row' }, parent.wrapper, from.wrapper)],
    run: () =>
      api(`/api/units/${unit.id}/moves`, {
        method: 'POST',
        body: { parentId: parent.input.value, from: from.input.value },
      }),
    done: afterSave(context, t('admin.moved')),
  });
}

function unitForm({ unit, units, today, context }) {
  const creating = !unit;
  const f = (name, options = {}) => field({ name, labelText: t(`admin.field.${name}`), ...options });
  // Units in force, and whatever the unit names already (an ended one with its dates), so a save
  // keeps what it does not change.
  const current = new Set(currentUnits(units, today).map((u) => u.id));
  const named = new Set([unit?.parentId, unit?.supervisorId, ...(unit?.successors ?? []).map((s) => s.id)]);
  const offered = units.filter((u) => u.id !== unit?.id && (current.has(u.id) || named.has(u.id)));
  const option = (u) => ({ value: u.id, label: datedUnitLabel(u, today) });
  const others = [{ value: '', label: t('admin.noParent') }, ...offered.map(option)];
  const code = creating ? f('code', { required: true, attrs: { autocomplete: 'off' } }) : null;
  const kind = creating
    ? f('kind', {
        control: 'select',
        required: true,
        options: KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) })),
      })
    : null;
  const nameVi = f('nameVi', { required: true, attrs: { value: unit?.nameVi, lang: 'vi' } });
  const nameEn = f('nameEn', { required: true, attrs: { value: unit?.nameEn, lang: 'en' } });
  const parent = f('parentId', { control: 'select', options: others });
  const supervisor = f('supervisorId', { control: 'select', options: others });
  const headTitle = f('headTitle', { attrs: { value: unit?.headTitle } });
  const validFrom = f('validFrom', { type: 'date', required: true, attrs: { value: unit?.validFrom } });
  const validTo = f('validTo', { type: 'date', attrs: { value: unit?.validTo } });
  const successors = f('successorIds', {
    control: 'select',
    // A successor may begin later than today (the day after this unit ends): any unit not ended yet.
    options: units
      .filter((u) => u.id !== unit?.id && ((u.validTo ?? today) >= today || named.has(u.id)))
      .map(option),
    attrs: { multiple: true, size: 4 },
  });
  const decision = f('successorDecision', { attrs: { value: unit ? successorDecision(unit) : null } });
  selectValues(
    successors.input,
    (unit?.successors ?? []).map((s) => s.id),
  );
  parent.input.value = unit?.parentId ?? '';
  supervisor.input.value = unit?.supervisorId ?? '';
  return adminForm({
    testid: creating ? 'unit-create' : 'unit-edit',
    submitLabel: creating ? t('admin.create.units') : t('admin.save'),
    fields: [
      creating ? h('div', { class: 'form-row' }, code.wrapper, kind.wrapper) : null,
      h('div', { class: 'form-row' }, nameVi.wrapper, nameEn.wrapper),
      h('div', { class: 'form-row' }, parent.wrapper, supervisor.wrapper),
      h('div', { class: 'form-row' }, headTitle.wrapper, validFrom.wrapper, validTo.wrapper),
      h('div', { class: 'form-row' }, successors.wrapper, decision.wrapper),
    ],
    run: () => {
      // Empty clears what may be empty; the API refuses an empty name or start date by name.
      const orNull = (input) => input.value.trim() || null;
      const body = {
        nameVi: nameVi.input.value,
        nameEn: nameEn.input.value,
        parentId: orNull(parent.input),
        supervisorId: orNull(supervisor.input),
        headTitle: orNull(headTitle.input),
        validFrom: validFrom.input.value,
        validTo: orNull(validTo.input),
        successorIds: selectedValues(successors.input),
        successorDecision: orNull(decision.input),
      };
      if (creating) {
        const given = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
        return api('/api/units', {
          method: 'POST',
          body: { code: code.input.value.trim(), kind: kind.input.value, ...given },
        });
      }
      return api(`/api/units/${unit.id}`, { method: 'PATCH', body });
    },
    done: afterSave(context, t(creating ? 'admin.created' : 'admin.saved')),
  });
}
