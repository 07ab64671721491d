import { api } from '../api.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';

/**
 * The resolve form's template choice: the templates that fit the item (its category's, then every
 * category's) for the outcome chosen. Picking one writes its text into the response, to be edited
 * before sending; text the unit wrote itself is kept, the template's is added below it.
 */
export function templatePicker(item, outcomeInput, responseInput) {
  const picker = field({
    name: 'template',
    testid: 'resolve-template',
    labelText: t('template.pick'),
    control: 'select',
    options: [{ value: '', label: t('template.none') }],
    hint: t('template.chooseOutcome'),
  });
  const hint = picker.wrapper.querySelector('.hint');
  let templates = [];
  // The text the last pick wrote: replaced by the next pick while the unit has not edited it.
  let written = '';

  const offer = () => {
    const fitting = templates.filter((tpl) => tpl.outcome === outcomeInput.value);
    picker.input.replaceChildren(
      new Option(t('template.none'), ''),
      ...fitting.map((tpl) => new Option(tpl.name, tpl.id)),
    );
    picker.input.disabled = fitting.length === 0;
    hint.textContent = t(
      !outcomeInput.value ? 'template.chooseOutcome' : fitting.length ? 'template.hint' : 'template.noneFit',
    );
  };

  picker.input.addEventListener('change', () => {
    const chosen = templates.find((tpl) => tpl.id === picker.input.value);
    if (!chosen) return;
    const own = responseInput.value.trim();
    const keep = own && own !== written.trim() ? `${own}\n\n` : '';
    responseInput.value = `${keep}${chosen.body}`;
    written = responseInput.value;
    responseInput.dispatchEvent(new Event('input', { bubbles: true }));
    responseInput.focus();
  });
  outcomeInput.addEventListener('change', offer);
  offer();
  // Loaded once for every outcome; without them the form works as before.
  api(`/api/recommendations/${encodeURIComponent(item.id)}/response-templates`)
    .then((loaded) => {
      templates = loaded;
      offer();
    })
    .catch(() => {
      picker.wrapper.hidden = true;
    });
  return picker.wrapper;
}
