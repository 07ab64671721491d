import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formBanner, onSubmit } from '../forms.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { currentUser, saveSession, updateUser } from '../session.js';
import { homeFor } from '../shell.js';

/** Sign-in: the access token stays in memory; the session cookie keeps the user signed in. */
export async function loginScreen(container, { query }) {
  const username = field({
    name: 'username',
    labelText: t('login.username'),
    required: true,
    attrs: { autocomplete: 'username', 'data-testid': 'login-username', autofocus: true },
  });
  const password = field({
    name: 'password',
    labelText: t('login.password'),
    type: 'password',
    required: true,
    attrs: { autocomplete: 'current-password', 'data-testid': 'login-password' },
  });
  const form = h(
    'form',
    { class: 'form form-narrow', novalidate: true, 'data-testid': 'login-form' },
    formBanner(),
    username.wrapper,
    password.wrapper,
    h(
      'button',
      { type: 'submit', class: 'button-primary', 'data-testid': 'login-submit' },
      t('login.submit'),
    ),
  );
  onSubmit(
    form,
    async () => {
      try {
        return await api('/api/auth/login', {
          method: 'POST',
          body: { username: username.input.value.trim(), password: password.input.value },
        });
      } catch (err) {
        // One message for a wrong name or password: the API does not say which.
        if (err.status === 401) Object.assign(err, { message: t('login.wrong'), localized: true });
        throw err;
      }
    },
    async (answer) => {
      saveSession(answer);
      const user = currentUser();
      try {
        updateUser({ ...user, ...(await api('/api/auth/me')) });
      } catch {
        // The sign-in answer already says who the user is.
      }
      const next =
        query.next && query.next.startsWith('#/') && !query.next.startsWith('#/login') ? query.next : null;
      navigate(next ?? homeFor(user));
    },
  );
  replace(
    container,
    h(
      'section',
      { class: 'login' },
      h('h1', { 'data-testid': 'page-title' }, t('login.title')),
      h('p', { class: 'muted' }, t('login.intro')),
      form,
    ),
  );
}
