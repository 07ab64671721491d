// The action forms' fields, apart from the DOM so that the catalogue test can read them.
const OUTCOMES = ['implemented', 'planned', 'partly-accepted', 'not-accepted', 'referred'];

/**
 * The form of each lifecycle action: its fields, as the action catalogue and the API's DTOs name them
 * (the catalogue test holds them together). `when` shows a field only for some values of another (a plan
 * date for a planned outcome); hidden fields are not sent.
 */
export const ACTION_FIELDS = {
  route: [
    { name: 'leadUnitId', kind: 'unit', required: true },
    { name: 'coordinatingUnitIds', kind: 'units' },
    { name: 'note', kind: 'text' },
  ],
  acknowledge: [{ name: 'note', kind: 'text' }],
  coordinate: [{ name: 'opinion', kind: 'text', required: true }],
  'request-info': [{ name: 'question', kind: 'text', required: true }],
  'provide-info': [{ name: 'answer', kind: 'text', required: true }],
  transfer: [
    // The empty choice is the triage office: it is not offered a second time, nor is the unit holding the item.
    { name: 'toUnitId', kind: 'unit', empty: 'field.toTriage', others: true },
    { name: 'reason', kind: 'text', required: true },
  ],
  progress: [{ name: 'note', kind: 'text', required: true }],
  resolve: [
    { name: 'response', kind: 'text', required: true },
    { name: 'outcome', kind: 'choice', group: 'outcome', values: OUTCOMES, required: true },
    { name: 'planDate', kind: 'date', required: true, when: ['outcome', 'planned'] },
    {
      name: 'budgetYear',
      kind: 'number',
      required: true,
      when: ['outcome', 'planned'],
      hint: 'hint.budgetYear',
    },
    { name: 'reason', kind: 'text', required: true, when: ['outcome', 'not-accepted'] },
  ],
  feedback: [
    { name: 'verdict', kind: 'choice', group: 'verdict', values: ['accept', 'dispute'], initial: 'accept' },
    { name: 'reason', kind: 'text', required: true, when: ['verdict', 'dispute'] },
  ],
  verify: [
    { name: 'verdict', kind: 'choice', group: 'verdict', values: ['done', 'reopen'], initial: 'done' },
    { name: 'reason', kind: 'text', required: true, when: ['verdict', 'reopen'] },
  ],
  directive: [
    {
      name: 'kind',
      kind: 'choice',
      group: 'kind',
      values: ['new-deadline', 'new-lead-unit', 'close'],
      required: true,
    },
    { name: 'reason', kind: 'text', required: true },
    // Either a date or a number of working days from today: one of the two, not both.
    { name: 'dueDate', kind: 'date', when: ['kind', 'new-deadline'], hint: 'hint.dueDateOr' },
    { name: 'workingDays', kind: 'number', when: ['kind', 'new-deadline'], hint: 'hint.workingDaysOr' },
    { name: 'leadUnitId', kind: 'unit', required: true, when: ['kind', 'new-lead-unit'] },
  ],
  'request-extension': [
    { name: 'workingDays', kind: 'number', required: true },
    { name: 'reason', kind: 'text', required: true },
  ],
  'decide-extension': [
    {
      name: 'decision',
      kind: 'choice',
      group: 'decision',
      values: ['approve', 'refuse'],
      initial: 'approve',
    },
    { name: 'reason', kind: 'text', required: true, when: ['decision', 'refuse'] },
  ],
  reopen: [{ name: 'reason', kind: 'text', required: true, hint: 'hint.reopenReason' }],
  // The original is found by its number or words, among the items the user sees.
  'mark-duplicate': [
    { name: 'originalId', kind: 'item', required: true, hint: 'hint.originalId' },
    { name: 'reason', kind: 'text', required: true },
  ],
  'request-ruling': [{ name: 'reason', kind: 'text', required: true, hint: 'hint.requestRulingReason' }],
};
