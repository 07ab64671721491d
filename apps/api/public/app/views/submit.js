import { api, idempotencyKey } from '../api.js';
import { h, replace } from '../dom.js';
import { choices, field, formBanner, onSubmit } from '../forms.js';
import { nameOf, t } from '../i18n.js';
import { navigate } from '../router.js';
import { currentUnits, HANDLING_KINDS, referenceData } from '../refdata.js';
import { flash } from '../shell.js';
import { similarItems } from './similar.js';

// What the cadre typed survives a language switch or a trip to another screen, until it is sent.
let draft = {};
// One key per recommendation being written: a retry after a lost answer cannot create a second item.
let submissionKey = idempotencyKey();

const TEXT_FIELDS = [
  'title',
  'situation',
  'proposal',
  'categoryCode',
  'localityUnitId',
  'costEstimateVnd',
  'urgency',
  'legalReferences',
  'suggestedUnitId',
];

/**
 * Communes grouped under their district, each district selectable itself. The places the cadre follows
 * come first, in a group of their own, so in the field the cadre's commune is one tap away.
 */
function localityOptions(units, followedIds = []) {
  const followed = new Set(followedIds);
  const districts = units.filter((u) => u.kind === 'district');
  const communes = units.filter((u) => u.kind === 'commune');
  const placeLabel = (u) =>
    u.kind === 'district' ? t('submit.wholeDistrict', { name: nameOf(u) }) : nameOf(u);
  const option = (u) => ({ value: u.id, label: placeLabel(u) });
  const own = units.filter((u) => followed.has(u.id) && (u.kind === 'commune' || u.kind === 'district'));
  const others = (list) => list.filter((u) => !followed.has(u.id)).map(option);
  const groups = districts
    .map((d) => ({
      group: nameOf(d),
      options: others([d, ...communes.filter((c) => c.parentId === d.id)]),
    }))
    .filter((g) => g.options.length);
  const orphans = communes.filter((c) => !districts.some((d) => d.id === c.parentId));
  return [
    { value: '', label: t('submit.chooseLocality') },
    own.length ? { group: t('submit.followedPlaces'), options: own.map(option) } : null,
    ...groups,
    ...others(orphans),
  ].filter(Boolean);
}

/** The place to preselect: the one the cadre follows, when there is exactly one still valid. */
function ownLocality(units, followedIds = []) {
  const own = units.filter(
    (u) => followedIds.includes(u.id) && (u.kind === 'commune' || u.kind === 'district'),
  );
  return own.length === 1 ? own[0].id : '';
}

function attachmentRow(index, value = {}) {
  const name = field({
    name: `attachments.${index}.name`,
    testid: `attachment-name-${index}`,
    labelText: t('submit.attachmentName'),
    attrs: { value: value.name ?? '' },
  });
  const url = field({
    name: `attachments.${index}.url`,
    testid: `attachment-url-${index}`,
    labelText: t('submit.attachmentUrl'),
    type: 'url',
    attrs: { value: value.url ?? '', placeholder: 'https://' },
  });
  const remove = h('button', { type: 'button', class: 'button-quiet' }, t('submit.removeAttachment'));
  const row = h(
    'div',
    { class: 'attachment-row', 'data-field': `attachments.${index}` },
    name.wrapper,
    url.wrapper,
    remove,
  );
  remove.addEventListener('click', () => row.remove());
  return row;
}

/**
 * The attachments worth sending, in order. Each row is tagged with the index it is sent at, so an error
 * the API reports for attachments.1.url lands under the right row even after rows were removed.
 */
function readAttachments(form) {
  const sent = [];
  for (const row of form.querySelectorAll('.attachment-row')) {
    const [name, url] = row.querySelectorAll('input');
    const attachment = { name: name.value.trim(), url: url.value.trim() };
    const index = attachment.name || attachment.url ? sent.push(attachment) - 1 : 'unsent';
    row.dataset.field = `attachments.${index}`;
    name.closest('.field').dataset.field = `attachments.${index}.name`;
    url.closest('.field').dataset.field = `attachments.${index}.url`;
  }
  return sent;
}

/** The request body, as typed: the API validates and says what is wrong, field by field. */
function bodyOf(form) {
  const value = (name) => form.elements.namedItem(name).value.trim();
  const body = {
    title: value('title'),
    situation: value('situation'),
    proposal: value('proposal'),
    categoryCode: value('categoryCode'),
    localityUnitId: value('localityUnitId'),
    urgency: value('urgency'),
  };
  if (value('costEstimateVnd')) body.costEstimateVnd = value('costEstimateVnd');
  const references = value('legalReferences')
    .split(/\n|;/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (references.length) body.legalReferences = references;
  const attachments = readAttachments(form);
  if (attachments.length) body.attachments = attachments;
  if (value('suggestedUnitId')) body.suggestedUnitId = value('suggestedUnitId');
  if (draft.fromIssueId) body.fromIssueId = draft.fromIssueId;
  return body;
}

function saveDraft(form) {
  draft = {
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, form.elements.namedItem(name).value])),
    fromIssueId: draft.fromIssueId,
  };
  draft.attachments = readAttachments(form);
}

/** The cadre's submission form (nắm: the situation; góp: the proposal). */
export async function submitScreen(container, { user, query = {} }) {
  // "Tạo kiến nghị" on a report's emerging issue: the form starts from the issue, which the item links.
  if (query.fromIssue && draft.fromIssueId !== query.fromIssue) {
    draft = {
      fromIssueId: query.fromIssue,
      title: query.title ?? '',
      situation: query.situation ?? '',
      categoryCode: query.categoryCode ?? '',
      localityUnitId: query.localityUnitId ?? '',
    };
    submissionKey = idempotencyKey();
  }
  const refs = await referenceData();
  const units = currentUnits(refs.units, refs.today);
  const handling = units.filter((u) => HANDLING_KINDS.includes(u.kind));
  const fields = {
    title: field({ name: 'title', required: true, attrs: { maxlength: 300, value: draft.title } }),
    situation: field({
      name: 'situation',
      control: 'textarea',
      required: true,
      attrs: { rows: 5, value: draft.situation },
    }),
    proposal: field({
      name: 'proposal',
      control: 'textarea',
      required: true,
      attrs: { rows: 5, value: draft.proposal },
    }),
    categoryCode: field({
      name: 'categoryCode',
      control: 'select',
      required: true,
      options: [
        { value: '', label: t('submit.chooseCategory') },
        ...refs.categories.map((c) => ({ value: c.code, label: nameOf(c) })),
      ],
      attrs: { value: draft.categoryCode },
    }),
    localityUnitId: field({
      name: 'localityUnitId',
      control: 'select',
      required: true,
      options: localityOptions(units, user.followedUnitIds),
      attrs: { value: draft.localityUnitId || ownLocality(units, user.followedUnitIds) },
    }),
    urgency: field({
      name: 'urgency',
      control: 'select',
      options: choices('urgency', ['normal', 'urgent']),
      attrs: { value: draft.urgency ?? 'normal' },
    }),
    costEstimateVnd: field({
      name: 'costEstimateVnd',
      hint: t('submit.costHint'),
      attrs: { inputmode: 'numeric', value: draft.costEstimateVnd },
    }),
    legalReferences: field({
      name: 'legalReferences',
      control: 'textarea',
      hint: t('submit.legalHint'),
      attrs: { rows: 2, value: draft.legalReferences },
    }),
    suggestedUnitId: field({
      name: 'suggestedUnitId',
      control: 'select',
      options: [
        { value: '', label: t('submit.noSuggestion') },
        ...handling.map((u) => ({ value: u.id, label: nameOf(u) })),
      ],
      attrs: { value: draft.suggestedUnitId },
    }),
  };
  let attachmentCount = 0;
  const attachments = h(
    'div',
    { class: 'attachments' },
    (draft.attachments ?? []).map((a) => attachmentRow(attachmentCount++, a)),
  );
  const addAttachment = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'add-attachment' },
    t('submit.addAttachment'),
  );
  addAttachment.addEventListener('click', () => attachments.append(attachmentRow(attachmentCount++)));

  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'submit-form' },
    formBanner(),
    fields.title.wrapper,
    fields.situation.wrapper,
    fields.proposal.wrapper,
    h(
      'div',
      { class: 'form-row' },
      fields.categoryCode.wrapper,
      fields.localityUnitId.wrapper,
      fields.urgency.wrapper,
    ),
    h('div', { class: 'form-row' }, fields.costEstimateVnd.wrapper, fields.suggestedUnitId.wrapper),
    fields.legalReferences.wrapper,
    h(
      'fieldset',
      { class: 'field', 'data-field': 'attachments' },
      h('legend', {}, t('field.attachments')),
      h('p', { class: 'hint' }, t('submit.attachmentsHint')),
      attachments,
      addAttachment,
      h('p', { class: 'field-error', 'data-testid': 'error-attachments', hidden: true }),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': 'submit-recommendation' },
        t('submit.send'),
      ),
    ),
  );
  form.addEventListener('input', () => saveDraft(form));
  // Under the title, the items already raised like this one.
  fields.title.wrapper.after(similarItems(form));
  onSubmit(
    form,
    () =>
      api('/api/recommendations', {
        method: 'POST',
        body: bodyOf(form),
        headers: { 'Idempotency-Key': submissionKey },
      }),
    (item) => {
      draft = {};
      submissionKey = idempotencyKey();
      flash(t('submit.sent'));
      navigate(`#/item/${encodeURIComponent(item.id)}`);
    },
  );
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('submit.title')),
    h('p', { class: 'muted' }, t('submit.intro')),
    draft.fromIssueId
      ? h('p', { class: 'banner banner-success', 'data-testid': 'from-issue' }, t('submit.fromIssue'))
      : null,
    form,
  );
}
