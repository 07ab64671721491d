import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { field } from '../../forms.js';
import { nameOf, t } from '../../i18n.js';
import { currentUnits, HANDLING_KINDS, serverToday } from '../../refdata.js';
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

/** Routing rules: category × locality → lead and coordinating units, SLA policy, priority, active. */
export async function rulesSection(container, context) {
  const [rules, units, categories, policies, today] = await Promise.all([
    api('/api/routing-rules'),
    api('/api/units'),
    api('/api/categories'),
    api('/api/sla-policies'),
    serverToday(),
  ]);
  const refs = {
    units,
    today,
    categories,
    policies,
    unitById: new Map(units.map((u) => [u.id, u])),
    categoryByCode: new Map(categories.map((c) => [c.code, c])),
  };
  const list = h(
    'div',
    { class: 'admin-list', 'data-testid': 'admin-list' },
    rules.map((rule) =>
      recordCard({
        key: rule.id,
        entity: context.entity,
        testid: `rule-${rule.code}`,
        title: h('strong', {}, ruleSummary(rule, refs)),
        facts: [
          `${rule.code} · ${t('admin.priorityN', { n: rule.priority })} · `,
          h(
            'span',
            { class: rule.active ? 'badge' : 'badge badge-overdue' },
            t(rule.active ? 'admin.ruleActive' : 'admin.ruleInactive'),
          ),
        ],
        change: context.lastChange.get(rule.id),
        body: ruleForm({ rule, refs, context }),
      }),
    ),
  );
  replace(container, createCard('rules', ruleForm({ refs, context })), filterBox(list), list);
}

function ruleSummary(rule, refs) {
  const unit = (id) => (id ? nameOf(refs.unitById.get(id)) : null);
  return t('admin.ruleSummary', {
    category: rule.categoryCode
      ? nameOf(refs.categoryByCode.get(rule.categoryCode))
      : t('admin.allCategories'),
    locality: unit(rule.localityUnitId) ?? t('admin.anyLocality'),
    lead: unit(rule.leadUnitId),
  });
}

function ruleForm({ rule, refs, context }) {
  const creating = !rule;
  const f = (name, options = {}) => field({ name, labelText: t(`admin.field.${name}`), ...options });
  const current = currentUnits(refs.units, refs.today);
  // Units in force for new work, and the rule's own ended ones (with their last day), so a save keeps them.
  const own = new Set([rule?.leadUnitId, ...(rule?.coordinatingUnitIds ?? [])]);
  const inForce = new Set(current.map((u) => u.id));
  const unitOption = (unit) => ({ value: unit.id, label: datedUnitLabel(unit, refs.today) });
  const handling = refs.units
    .filter((u) => HANDLING_KINDS.includes(u.kind) && (inForce.has(u.id) || own.has(u.id)))
    .map(unitOption);
  const code = creating ? f('code', { required: true, attrs: { autocomplete: 'off' } }) : null;
  const category = creating
    ? f('categoryCode', {
        control: 'select',
        options: [
          { value: '', label: t('admin.anyCategory') },
          ...refs.categories.map((c) => ({ value: c.code, label: nameOf(c) })),
        ],
      })
    : null;
  const locality = creating
    ? f('localityUnitId', {
        control: 'select',
        options: [
          { value: '', label: t('admin.anyLocality') },
          ...current.filter((u) => u.kind === 'commune' || u.kind === 'district').map(unitOption),
        ],
      })
    : null;
  const lead = f('leadUnitId', {
    control: 'select',
    required: true,
    options: [{ value: '', label: t('field.choose') }, ...handling],
  });
  const coordinating = f('coordinatingUnitIds', {
    control: 'select',
    options: handling,
    attrs: { multiple: true, size: 5 },
  });
  const policy = f('slaPolicyCode', {
    control: 'select',
    options: [
      { value: '', label: t('admin.defaultPolicy') },
      ...refs.policies.map((p) => ({ value: p.code, label: p.code })),
    ],
  });
  const priority = f('priority', { type: 'number', attrs: { value: String(rule?.priority ?? 0), step: 1 } });
  const active = creating
    ? null
    : f('active', {
        control: 'select',
        options: [
          { value: 'true', label: t('admin.ruleActive') },
          { value: 'false', label: t('admin.ruleInactive') },
        ],
      });
  lead.input.value = rule?.leadUnitId ?? '';
  selectValues(coordinating.input, rule?.coordinatingUnitIds ?? []);
  policy.input.value = rule?.slaPolicyCode ?? '';
  if (active) active.input.value = String(rule.active);
  return adminForm({
    testid: creating ? 'rule-create' : 'rule-edit',
    submitLabel: creating ? t('admin.create.rules') : t('admin.save'),
    fields: [
      creating ? h('div', { class: 'form-row' }, code.wrapper, category.wrapper, locality.wrapper) : null,
      h('div', { class: 'form-row' }, lead.wrapper, coordinating.wrapper),
      h('div', { class: 'form-row' }, policy.wrapper, priority.wrapper, active?.wrapper),
    ],
    run: () => {
      const body = {
        leadUnitId: lead.input.value || undefined,
        coordinatingUnitIds: selectedValues(coordinating.input),
        slaPolicyCode: policy.input.value || (creating ? undefined : null),
        // A number the API checks; text that is no number is sent as typed, for the API to name.
        priority: priority.input.value === '' ? undefined : numberOrText(priority.input.value),
      };
      if (creating) {
        return api('/api/routing-rules', {
          method: 'POST',
          body: {
            code: code.input.value.trim(),
            categoryCode: category.input.value || undefined,
            localityUnitId: locality.input.value || undefined,
            ...body,
          },
        });
      }
      return api(`/api/routing-rules/${rule.id}`, {
        method: 'PATCH',
        body: { ...body, active: active.input.value === 'true' },
      });
    },
    done: afterSave(context, t(creating ? 'admin.created' : 'admin.saved')),
  });
}

export function numberOrText(text) {
  const n = Number(text);
  return Number.isFinite(n) && text.trim() !== '' ? n : text;
}
