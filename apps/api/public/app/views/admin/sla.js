import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { field } from '../../forms.js';
import { label, nameOf, t } from '../../i18n.js';
import { adminForm, afterSave, recordCard } from './admin.js';
import { numberOrText } from './rules.js';

const DAYS = [
  'acknowledgeDays',
  'coordinationDays',
  'resolutionDays',
  'feedbackDays',
  'verificationGraceDays',
  'escalationGraceDays',
  'directiveDays',
  'infoDays',
  'reopenDays',
];

/** SLA policies: the working days of each step and the reminder points; codes are fixed. */
export async function slaSection(container, context) {
  const [policies, categories] = await Promise.all([api('/api/sla-policies'), api('/api/categories')]);
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  replace(
    container,
    h(
      'div',
      { class: 'admin-list', 'data-testid': 'admin-list' },
      policies.map((policy) =>
        recordCard({
          key: policy.code,
          entity: context.entity,
          testid: `policy-${policy.code}`,
          title: h(
            'strong',
            {},
            t('admin.policyFor', {
              category: policy.categoryCode
                ? nameOf(categoryByCode.get(policy.categoryCode))
                : t('admin.allCategories'),
              urgency: label('urgency', policy.urgency),
            }),
          ),
          facts: `${policy.code} · ${t('admin.field.acknowledgeDays')} ${policy.acknowledgeDays} · ${t('admin.field.resolutionDays')} ${policy.resolutionDays}`,
          change: context.lastChange.get(policy.code),
          body: policyForm(policy, context),
        }),
      ),
    ),
  );
}

function policyForm(policy, context) {
  const days = DAYS.map((name) =>
    field({
      name,
      labelText: t(`admin.field.${name}`),
      type: 'number',
      required: true,
      attrs: { value: String(policy[name]), min: 0, step: 1, inputmode: 'numeric' },
    }),
  );
  const points = h('div', { class: 'admin-reminders' });
  const addPoint = (point) => points.append(reminderRow(points, point));
  for (const point of policy.reminderPoints ?? []) addPoint(point);
  const reminders = h(
    'fieldset',
    { class: 'field', 'data-field': 'reminderPoints' },
    h('legend', {}, t('admin.field.reminderPoints')),
    // First, so an error about the list as a whole is shown here rather than under its first row.
    h('p', { class: 'field-error', hidden: true, 'data-testid': 'error-reminderPoints' }),
    points,
    h(
      'button',
      { type: 'button', class: 'button', onclick: () => addPoint({ workingDaysBefore: 0, at: '08:00' }) },
      t('admin.addReminder'),
    ),
  );
  return adminForm({
    testid: 'policy-edit',
    fields: [
      h(
        'div',
        { class: 'form-row admin-days' },
        days.map((d) => d.wrapper),
      ),
      reminders,
    ],
    run: (form) => {
      const body = Object.fromEntries(days.map((d) => [d.input.name, numberOrText(d.input.value)]));
      body.reminderPoints = [...points.children].map((row) => ({
        workingDaysBefore: numberOrText(row.querySelector('[data-part="days"]').value),
        at: row.querySelector('[data-part="at"]').value,
      }));
      renumber(form);
      return api(`/api/sla-policies/${encodeURIComponent(policy.code)}`, { method: 'PUT', body });
    },
    done: afterSave(context, t('admin.saved')),
  });
}

/** One reminder point; its fields are named reminderPoints.<n>.… so the API's errors land beside them. */
function reminderRow(points, point) {
  const days = field({
    name: 'reminderPoints.n.workingDaysBefore',
    labelText: t('admin.field.workingDaysBefore'),
    type: 'number',
    attrs: { value: String(point.workingDaysBefore), min: 0, step: 1, 'data-part': 'days' },
  });
  const at = field({
    name: 'reminderPoints.n.at',
    labelText: t('admin.field.at'),
    type: 'time',
    attrs: { value: point.at, 'data-part': 'at' },
  });
  const row = h(
    'div',
    { class: 'attachment-row', 'data-field': 'reminderPoints.n' },
    days.wrapper,
    at.wrapper,
    h('button', { type: 'button', class: 'button', onclick: () => row.remove() }, t('admin.removeReminder')),
  );
  return row;
}

/** Names each reminder row after its place, as the API will refer to it. */
function renumber(form) {
  [...form.querySelectorAll('.admin-reminders > [data-field]')].forEach((row, i) => {
    row.dataset.field = `reminderPoints.${i}`;
    for (const wrapper of row.querySelectorAll('.field')) {
      wrapper.dataset.field = wrapper.dataset.field.replace(/^reminderPoints\.[^.]+/, `reminderPoints.${i}`);
    }
  });
}
