import { api } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, formBanner, onSubmit, showError, withProgress } from '../forms.js';
import { nameOf, t } from '../i18n.js';
import { navigate, rerender } from '../router.js';
import { flash } from '../shell.js';

// The cadre's draft of a periodic report: emerging issues, field visits, a short note.

/** As the API's REPORT_NOTE_MAX: the form says it before the API refuses more. */
const NOTE_MAX = 1500;

function issueRow(categories, issue = {}) {
  const category = field({
    name: 'categoryCode',
    testid: 'issue-category',
    labelText: t('creport.category'),
    control: 'select',
    options: [
      { value: '', label: t('submit.chooseCategory') },
      ...categories.map((c) => ({ value: c.code, label: nameOf(c) })),
    ],
    attrs: { value: issue.categoryCode ?? '' },
  });
  const text = field({
    name: 'text',
    testid: 'issue-text',
    labelText: t('creport.issueText'),
    control: 'textarea',
    attrs: { rows: 3, value: issue.text ?? '' },
  });
  const remove = h('button', { type: 'button', class: 'button-quiet' }, t('creport.remove'));
  const row = h(
    'div',
    { class: 'attachment-row issue-row', 'data-id': issue.id ?? '' },
    category.wrapper,
    text.wrapper,
    remove,
  );
  remove.addEventListener('click', () => row.remove());
  return row;
}

function visitRow(visit = {}) {
  const fields = [
    field({
      name: 'date',
      testid: 'visit-date',
      labelText: t('creport.visitDate'),
      type: 'date',
      attrs: { value: visit.date ?? '' },
    }),
    field({
      name: 'place',
      testid: 'visit-place',
      labelText: t('creport.visitPlace'),
      attrs: { value: visit.place ?? '' },
    }),
    field({
      name: 'purpose',
      testid: 'visit-purpose',
      labelText: t('creport.visitPurpose'),
      attrs: { value: visit.purpose ?? '' },
    }),
  ];
  const remove = h('button', { type: 'button', class: 'button-quiet' }, t('creport.remove'));
  const row = h('div', { class: 'attachment-row visit-row' }, ...fields.map((f) => f.wrapper), remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

/** The draft as typed; rows are renamed to the index they are sent at, so the API's errors land on them. */
function draftOf(form) {
  const issues = [...form.querySelectorAll('.issue-row')].map((row, i) => {
    row.dataset.field = `issues.${i}`;
    row
      .querySelectorAll('.field')
      .forEach((f) => (f.dataset.field = `issues.${i}.${f.querySelector('[name]').name}`));
    const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
    return {
      ...(row.dataset.id ? { id: row.dataset.id } : {}),
      categoryCode: value('categoryCode'),
      text: value('text'),
    };
  });
  const fieldVisits = [...form.querySelectorAll('.visit-row')].map((row, i) => {
    row
      .querySelectorAll('.field')
      .forEach((f) => (f.dataset.field = `fieldVisits.${i}.${f.querySelector('[name]').name}`));
    const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
    return {
      date: value('date'),
      place: value('place'),
      ...(value('purpose') ? { purpose: value('purpose') } : {}),
    };
  });
  const note = form.elements.namedItem('note').value.trim();
  return { issues, fieldVisits, ...(note ? { note } : {}) };
}

/** The draft form: "Lưu nháp" saves it, "Nộp báo cáo" saves and submits it, once. */
export function reportForm(report, categories) {
  const issues = h(
    'div',
    {},
    report.issues.map((i) => issueRow(categories, i)),
  );
  const visits = h(
    'div',
    {},
    report.fieldVisits.map((v) => visitRow(v)),
  );
  const addIssue = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'add-issue' },
    t('creport.addIssue'),
  );
  addIssue.addEventListener('click', () => issues.append(issueRow(categories)));
  const addVisit = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'add-visit' },
    t('creport.addVisit'),
  );
  addVisit.addEventListener('click', () => visits.append(visitRow()));
  const note = field({
    name: 'note',
    control: 'textarea',
    labelText: t('creport.note'),
    hint: t('creport.noteHint', { n: NOTE_MAX }),
    attrs: { rows: 4, maxlength: NOTE_MAX, value: report.note ?? '' },
  });
  const submit = h(
    'button',
    { type: 'button', class: 'button-primary', 'data-testid': 'creport-submit' },
    t('creport.submit'),
  );
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'creport-form' },
    formBanner(),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'issues' },
      h('legend', {}, t('creport.issues')),
      h('p', { class: 'hint' }, t('creport.issuesHint')),
      issues,
      addIssue,
    ),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'fieldVisits' },
      h('legend', {}, t('creport.visits')),
      visits,
      addVisit,
    ),
    note.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', 'data-testid': 'creport-save' }, t('creport.save')),
      submit,
    ),
  );
  const save = () =>
    api(`/api/cadre-reports/${encodeURIComponent(report.id)}`, { method: 'PUT', body: draftOf(form) });
  onSubmit(form, save, () => {
    flash(t('creport.saved'));
    rerender();
  });
  submit.addEventListener('click', () => {
    void withProgress(submit, async () => {
      clearErrors(form);
      try {
        await save();
        await api(`/api/cadre-reports/${encodeURIComponent(report.id)}/submit`, { method: 'POST' });
      } catch (err) {
        showError(form, err);
        return;
      }
      flash(t('creport.submitted'));
      navigate(`#/cadre-reports/${encodeURIComponent(report.id)}`);
    });
  });
  return form;
}
