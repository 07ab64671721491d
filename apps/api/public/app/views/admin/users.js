import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { choices, describeError, field, withProgress } from '../../forms.js';
import { label, nameOf, t } from '../../i18n.js';
import { currentUnits, HANDLING_KINDS, referenceData } from '../../refdata.js';
import { showBanner } from '../../shell.js';
import { datedUnitLabel } from '../filters.js';
import { adminForm, afterSave, createCard, filterBox, recordCard } from './admin.js';
import { assignmentsPanel } from './assignments.js';

const ROLES = ['cadre', 'unit-officer', 'unit-head', 'standing-committee', 'leadership-viewer', 'admin'];

/**
 * Accounts: create, change role, unit or email, reset the password, deactivate; a cadre's communes by
 * dated assignment.
 */
export async function usersSection(container, context) {
  const [users, refs] = await Promise.all([api('/api/users'), referenceData()]);
  const units = currentUnits(refs.units, refs.today);
  const list = h(
    'div',
    { class: 'admin-list', 'data-testid': 'admin-list' },
    users.map((user) => userCard(user, users, units, refs, context)),
  );
  replace(
    container,
    createCard('users', userForm({ units, today: refs.today, context })),
    filterBox(list),
    list,
  );
}

function userCard(user, users, units, refs, context) {
  // Units in force, and the account's own unit when it has ended (with its last day), so a save keeps it.
  const own = user.unitId && !units.some((u) => u.id === user.unitId) ? refs.unitById.get(user.unitId) : null;
  const unit = user.unitId ? refs.unitById.get(user.unitId) : null;
  return recordCard({
    key: user.id,
    entity: context.entity,
    testid: `user-${user.username}`,
    title: [h('strong', {}, user.displayName), ` (${user.username})`],
    facts: [
      label('role', user.role),
      unit ? ` · ${nameOf(unit)}` : '',
      user.active ? '' : [' · ', h('span', { class: 'badge badge-overdue' }, t('admin.inactive'))],
    ],
    change: context.lastChange.get(user.id),
    body: [
      userForm({ user, units: own ? [...units, own] : units, today: refs.today, context }),
      user.role === 'cadre' ? assignmentsPanel({ user, users, units, context }) : null,
      passwordForm(user, context),
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            'data-testid': 'user-toggle-active',
            onclick: (event) =>
              withProgress(event.currentTarget, async () => {
                try {
                  await api(`/api/users/${user.id}`, { method: 'PATCH', body: { active: !user.active } });
                } catch (err) {
                  showBanner(describeError(err));
                  return;
                }
                afterSave(context, t(user.active ? 'admin.deactivated' : 'admin.reactivated'))();
              }),
          },
          t(user.active ? 'admin.deactivate' : 'admin.reactivate'),
        ),
      ),
    ],
  });
}

/** The account form: creating one when no user is given, changing it otherwise. */
function userForm({ user, units, today, context }) {
  const unitOption = (unit) => ({
    value: unit.id,
    label: `${datedUnitLabel(unit, today)} (${t(`unitKind.${unit.kind}`, null, unit.kind)})`,
  });
  const creating = !user;
  const f = (name, options = {}) => field({ name, labelText: t(`admin.field.${name}`), ...options });
  const username = creating ? f('username', { required: true, attrs: { autocomplete: 'off' } }) : null;
  const displayName = f('displayName', { required: true, attrs: { value: user?.displayName } });
  const role = f('role', { control: 'select', options: choices('role', ROLES), required: true });
  const unit = f('unitId', {
    control: 'select',
    options: [
      { value: '', label: t('admin.noUnit') },
      ...units
        .filter((u) => HANDLING_KINDS.includes(u.kind) || u.kind === 'standing-committee')
        .map(unitOption),
    ],
  });
  const email = f('email', { type: 'email', attrs: { value: user?.email, autocomplete: 'off' } });
  role.input.value = user?.role ?? 'cadre';
  unit.input.value = user?.unitId ?? '';
  const passwords = creating ? passwordFields() : null;
  return adminForm({
    testid: creating ? 'user-create' : 'user-edit',
    submitLabel: creating ? t('admin.create.users') : t('admin.save'),
    fields: [
      h('div', { class: 'form-row' }, username?.wrapper, displayName.wrapper),
      h('div', { class: 'form-row' }, role.wrapper, unit.wrapper),
      h('div', { class: 'form-row' }, email.wrapper),
      passwords ? h('div', { class: 'form-row' }, passwords.wrappers) : null,
    ],
    run: () => {
      const body = {
        displayName: displayName.input.value,
        role: role.input.value,
        unitId: unit.input.value || (creating ? undefined : null),
        email: email.input.value.trim() || undefined,
      };
      if (creating) {
        passwords.check();
        return api('/api/users', {
          method: 'POST',
          body: { username: username.input.value.trim(), ...body, password: passwords.value() },
        });
      }
      return api(`/api/users/${user.id}`, { method: 'PATCH', body });
    },
    done: afterSave(context, t(creating ? 'admin.created' : 'admin.saved')),
  });
}

function passwordForm(user, context) {
  const passwords = passwordFields();
  return adminForm({
    testid: 'user-password',
    submitLabel: t('admin.resetPassword'),
    fields: [h('div', { class: 'form-row' }, passwords.wrappers)],
    run: () => {
      passwords.check();
      return api(`/api/users/${user.id}`, { method: 'PATCH', body: { password: passwords.value() } });
    },
    done: afterSave(context, t('admin.passwordReset')),
  });
}

/**
 * A new password typed twice. That the two agree is the form's own rule (the API never sees the second);
 * every rule on the password itself is the API's.
 */
function passwordFields() {
  const password = field({
    name: 'password',
    labelText: t('admin.field.password'),
    type: 'password',
    required: true,
    hint: t('admin.passwordHint'),
    attrs: { autocomplete: 'new-password' },
  });
  const confirm = field({
    name: 'passwordConfirm',
    labelText: t('admin.field.passwordConfirm'),
    type: 'password',
    required: true,
    attrs: { autocomplete: 'new-password' },
  });
  return {
    wrappers: [password.wrapper, confirm.wrapper],
    value: () => password.input.value,
    check: () => {
      if (password.input.value === confirm.input.value) return;
      const reason = t('admin.passwordMismatch');
      throw Object.assign(new Error(reason), {
        status: 400,
        localized: true,
        fieldErrors: [{ field: 'passwordConfirm', reason }],
      });
    },
  };
}
