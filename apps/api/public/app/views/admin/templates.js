import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { choices, field } from '../../forms.js';
import { label, nameOf, t } from '../../i18n.js';
import { adminForm, afterSave, createCard, filterBox, recordCard } from './admin.js';

/** The outcomes a resolution can have (libs/domain OUTCOMES), each of which templates are kept for. */
const OUTCOMES = ['implemented', 'planned', 'partly-accepted', 'not-accepted', 'referred'];

/** Response templates: per outcome and category (none: every category); retired ones stay, unoffered. */
export async function templatesSection(container, context) {
  const [templates, categories] = await Promise.all([api('/api/response-templates'), api('/api/categories')]);
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const list = h(
    'div',
    { class: 'admin-list', 'data-testid': 'admin-list' },
    templates.map((template) =>
      recordCard({
        key: template.id,
        entity: context.entity,
        testid: 'template-record',
        title: h('strong', {}, template.name),
        facts: [
          `${t('admin.templateFor', {
            outcome: label('outcome', template.outcome),
            category: template.categoryCode
              ? nameOf(categoryByCode.get(template.categoryCode))
              : t('admin.allCategories'),
          })} · `,
          h(
            'span',
            { class: template.active ? 'badge' : 'badge badge-overdue' },
            t(template.active ? 'admin.templateActive' : 'admin.templateRetired'),
          ),
        ],
        change: context.lastChange.get(template.id),
        body: templateForm({ template, categories, context }),
      }),
    ),
  );
  replace(container, createCard('templates', templateForm({ categories, context })), filterBox(list), list);
}

function templateForm({ template, categories, context }) {
  const creating = !template;
  const name = field({
    name: 'name',
    labelText: t('admin.field.templateName'),
    required: true,
    attrs: { maxlength: 200, autocomplete: 'off', value: template?.name ?? '' },
  });
  const outcome = field({
    name: 'outcome',
    labelText: t('admin.field.outcome'),
    control: 'select',
    required: true,
    options: choices('outcome', OUTCOMES, t('field.choose')),
    attrs: { value: template?.outcome ?? '' },
  });
  const category = field({
    name: 'categoryCode',
    labelText: t('admin.field.categoryCode'),
    control: 'select',
    options: [
      { value: '', label: t('admin.anyCategory') },
      ...categories.map((c) => ({ value: c.code, label: nameOf(c) })),
    ],
    attrs: { value: template?.categoryCode ?? '' },
  });
  const body = field({
    name: 'body',
    labelText: t('admin.field.body'),
    control: 'textarea',
    required: true,
    attrs: { rows: 5, maxlength: 4000, value: template?.body ?? '' },
  });
  const active = creating
    ? null
    : field({
        name: 'active',
        labelText: t('admin.field.active'),
        control: 'select',
        options: [
          { value: 'true', label: t('admin.templateActive') },
          { value: 'false', label: t('admin.templateRetired') },
        ],
        attrs: { value: String(template.active) },
      });
  return adminForm({
    testid: creating ? 'template-create' : 'template-edit',
    submitLabel: creating ? t('admin.create.templates') : t('admin.save'),
    fields: [
      h('div', { class: 'form-row' }, name.wrapper, outcome.wrapper, category.wrapper, active?.wrapper),
      body.wrapper,
    ],
    run: () => {
      // Blanks are sent as typed: the API names the field that needs a value.
      const fields = {
        name: name.input.value.trim(),
        outcome: outcome.input.value,
        categoryCode: category.input.value || (creating ? undefined : null),
        body: body.input.value.trim(),
      };
      if (creating) return api('/api/response-templates', { method: 'POST', body: fields });
      return api(`/api/response-templates/${encodeURIComponent(template.id)}`, {
        method: 'PATCH',
        body: { ...fields, active: active.input.value === 'true' },
      });
    },
    done: afterSave(context, t(creating ? 'admin.created' : 'admin.saved')),
  });
}
