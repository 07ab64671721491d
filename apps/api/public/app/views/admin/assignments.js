import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { field } from '../../forms.js';
import { date } from '../../format.js';
import { nameOf, t } from '../../i18n.js';
import { adminForm, afterSave } from './admin.js';

/** Today in Việt Nam, the day assignments are in force on. */
function vietnamToday() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** In force today, ended, or not begun yet. */
function standing(assignment, today) {
  if (assignment.validFrom > today) return 'future';
  return assignment.validTo !== null && assignment.validTo < today ? 'ended' : 'current';
}

/**
 * A cadre's communes by dated decision: the list (commune, decision, from, to), a new assignment, and for
 * each one still running an end date or a reassignment of the commune to another cadre, which hands over
 * the commune's items waiting for this cadre. Read when opened: most admins open few cadres.
 */
export function assignmentsPanel({ user, users, units, context }) {
  const body = h('div', { class: 'assignments', 'data-testid': 'assignments-body' });
  let loaded = false;
  const load = async () => {
    const assignments = await api(`/api/users/${user.id}/assignments`);
    replace(
      body,
      assignmentList(assignments, { user, users, context }),
      h('h4', {}, t('admin.assignments.add')),
      addForm({ user, units, context }),
    );
  };
  return h(
    'details',
    {
      class: 'action admin-assignments',
      'data-testid': 'user-assignments',
      ontoggle: (event) => {
        if (!event.currentTarget.open || loaded) return;
        loaded = true;
        load().catch(() => {
          loaded = false;
          replace(body, h('p', { class: 'error' }, t('admin.assignments.loadFailed')));
        });
      },
    },
    h('summary', {}, t('admin.assignments.title')),
    h('p', { class: 'muted' }, t('admin.assignments.intro')),
    body,
  );
}

function assignmentList(assignments, { user, users, context }) {
  if (assignments.length === 0)
    return h('p', { class: 'empty', 'data-testid': 'assignments-empty' }, t('admin.assignments.none'));
  const today = vietnamToday();
  const others = users.filter((u) => u.role === 'cadre' && u.active && u.id !== user.id);
  return h(
    'ul',
    { class: 'assignment-list', 'data-testid': 'assignment-list' },
    assignments.map((a) => {
      const state = standing(a, today);
      return h(
        'li',
        { 'data-testid': 'assignment', 'data-id': a.id, 'data-standing': state },
        h('strong', {}, nameOf({ nameVi: a.unitNameVi, nameEn: a.unitNameEn })),
        ' · ',
        h('span', { class: `badge badge-${state}` }, t(`admin.assignments.standing.${state}`)),
        h('br'),
        t('admin.assignments.decision', { decision: a.decisionNo }),
        h('br'),
        t('admin.validity', {
          from: date(a.validFrom),
          to: a.validTo ? date(a.validTo) : t('admin.openEnded'),
        }),
        state === 'ended' ? null : endForm(a, context),
        state === 'current' && others.length ? reassignForm(a, { user, others, context }) : null,
      );
    }),
  );
}

/** A new assignment of a commune or district, by decision, from a day, until a day or for now. */
function addForm({ user, units, context }) {
  const f = (name, options = {}) =>
    field({ name, testid: `assign-${name}`, labelText: t(`admin.field.assign.${name}`), ...options });
  const unit = f('unitId', {
    control: 'select',
    required: true,
    options: [
      { value: '', label: t('field.choose') },
      ...units
        .filter((u) => u.kind === 'commune' || u.kind === 'district')
        .map((u) => ({ value: u.id, label: `${nameOf(u)} (${t(`unitKind.${u.kind}`, null, u.kind)})` })),
    ],
  });
  const decision = f('decisionNo', { required: true, hint: t('admin.assignments.decisionHint') });
  const from = f('validFrom', { type: 'date', required: true, attrs: { value: vietnamToday() } });
  const to = f('validTo', { type: 'date' });
  return adminForm({
    testid: 'assignment-create',
    submitLabel: t('admin.assignments.create'),
    fields: [
      h('div', { class: 'form-row' }, unit.wrapper, decision.wrapper),
      h('div', { class: 'form-row' }, from.wrapper, to.wrapper),
    ],
    run: () =>
      api(`/api/users/${user.id}/assignments`, {
        method: 'POST',
        body: {
          unitId: unit.input.value,
          decisionNo: decision.input.value,
          validFrom: from.input.value,
          ...(to.input.value ? { validTo: to.input.value } : {}),
        },
      }),
    done: afterSave(context, t('admin.assignments.created')),
  });
}

/** The assignment's last day. */
function endForm(assignment, context) {
  const to = field({
    name: 'validTo',
    testid: 'assignment-end-validTo',
    labelText: t('admin.field.assign.lastDay'),
    type: 'date',
    required: true,
    attrs: { value: assignment.validTo ?? vietnamToday() },
  });
  return adminForm({
    testid: 'assignment-end',
    submitLabel: t('admin.assignments.end'),
    fields: [h('div', { class: 'form-row' }, to.wrapper)],
    run: () =>
      api(`/api/assignments/${assignment.id}`, { method: 'PATCH', body: { validTo: to.input.value } }),
    done: afterSave(context, t('admin.assignments.ended')),
  });
}

/** The commune to another cadre by one decision, from a day (today or earlier): waiting items follow. */
function reassignForm(assignment, { user, others, context }) {
  const f = (name, options = {}) =>
    field({ name, testid: `reassign-${name}`, labelText: t(`admin.field.assign.${name}`), ...options });
  const to = f('toUserId', {
    control: 'select',
    required: true,
    options: [
      { value: '', label: t('field.choose') },
      ...others.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    ],
  });
  const decision = f('decisionNo', { required: true });
  const from = f('validFrom', {
    type: 'date',
    required: true,
    hint: t('admin.assignments.reassignHint'),
    attrs: { value: vietnamToday(), max: vietnamToday() },
  });
  return adminForm({
    testid: 'assignment-reassign',
    submitLabel: t('admin.assignments.reassign'),
    fields: [
      h('div', { class: 'form-row' }, to.wrapper, decision.wrapper),
      h('div', { class: 'form-row' }, from.wrapper),
    ],
    run: () =>
      api('/api/assignments/reassign', {
        method: 'POST',
        body: {
          unitId: assignment.unitId,
          fromUserId: user.id,
          toUserId: to.input.value,
          decisionNo: decision.input.value,
          validFrom: from.input.value,
        },
      }),
    done: (moved) =>
      afterSave(context, t('admin.assignments.reassigned', { n: moved?.handedOver?.length ?? 0 }))(),
  });
}
