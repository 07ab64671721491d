import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { describeError, field, withProgress } from '../../forms.js';
import { date } from '../../format.js';
import { t } from '../../i18n.js';
import { showBanner } from '../../shell.js';
import { adminForm, afterSave, createCard, recordCard } from './admin.js';

/** Calendar overrides: the days off and make-up working days the government announces. */
export async function calendarSection(container, context) {
  const overrides = await api('/api/calendar/overrides');
  replace(
    container,
    createCard('calendar', overrideForm(null, context)),
    h(
      'div',
      { class: 'admin-list', 'data-testid': 'admin-list' },
      overrides.length === 0
        ? h('p', { class: 'empty' }, t('app.empty'))
        : overrides.map((o) =>
            recordCard({
              key: o.date,
              entity: context.entity,
              testid: `override-${o.date}`,
              title: [h('strong', {}, date(o.date)), ` · ${o.name}`],
              facts: [t(`admin.overrideKind.${o.kind}`), o.legalBasis ? ` · ${o.legalBasis}` : ''],
              change: context.lastChange.get(o.date),
              body: overrideForm(o, context),
            }),
          ),
    ),
  );
}

function overrideForm(override, context) {
  const f = (name, options = {}) => field({ name, labelText: t(`admin.field.${name}`), ...options });
  const day = override ? null : f('date', { type: 'date', required: true });
  const kind = f('kind', {
    control: 'select',
    required: true,
    options: ['holiday', 'working'].map((k) => ({ value: k, label: t(`admin.overrideKind.${k}`) })),
  });
  const name = f('name', { required: true, attrs: { value: override?.name } });
  const legalBasis = f('legalBasis', { attrs: { value: override?.legalBasis } });
  kind.input.value = override?.kind ?? 'holiday';
  const remove = override
    ? h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'override-delete',
          onclick: (event) =>
            withProgress(event.currentTarget, async () => {
              if (!confirm(t('admin.confirmDelete', { date: date(override.date) }))) return;
              try {
                await api(`/api/calendar/overrides/${override.date}`, { method: 'DELETE' });
              } catch (err) {
                showBanner(describeError(err));
                return;
              }
              afterSave(context, t('admin.deleted'))();
            }),
        },
        t('admin.delete'),
      )
    : null;
  return adminForm({
    testid: override ? 'override-edit' : 'override-create',
    fields: [
      h('div', { class: 'form-row' }, day?.wrapper, kind.wrapper),
      h('div', { class: 'form-row' }, name.wrapper, legalBasis.wrapper),
    ],
    extra: remove,
    run: () => {
      // An empty date still goes to the API, whose refusal names the field and the rule.
      const when = override?.date ?? (day.input.value || '-');
      return api(`/api/calendar/overrides/${encodeURIComponent(when)}`, {
        method: 'PUT',
        body: {
          kind: kind.input.value,
          name: name.input.value,
          legalBasis: legalBasis.input.value.trim() || undefined,
        },
      });
    },
    done: afterSave(context, t('admin.saved')),
  });
}
