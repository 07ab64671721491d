import {
  ADMIN_VARIABLES,
  adminAccountProblems,
  adminFromEnvironment,
  adminPasswordProblem,
  DEFAULT_ADMIN_DISPLAY_NAME,
} from './admin';
import { DEMO_PASSWORD } from './reference-data';

describe('admin password rules', () => {
  it('wants at least 12 characters', () => {
    expect(adminPasswordProblem('short-pass1')).toBe('must be at least 12 characters (it has 11)');
    expect(adminPasswordProblem('twelve-chars')).toBeNull();
  });

  it('refuses the published demo password, whatever its length', () => {
    expect(adminPasswordProblem(DEMO_PASSWORD)).toMatch(/demo password/);
  });
});

describe('adminAccountProblems', () => {
  const good = { username: 'root.admin', displayName: 'Quản trị', password: 'a long enough secret' };

  it('accepts a good account', () => {
    expect(adminAccountProblems(good)).toEqual([]);
    expect(adminAccountProblems({ ...good, email: 'admin@province.example' })).toEqual([]);
  });

  it('names every bad field, by the name its source gives it', () => {
    const bad = { username: 'x', displayName: ' ', password: 'short', email: 'nowhere' };
    expect(adminAccountProblems(bad)).toEqual([
      'username must be 3–50 letters, digits, dots, dashes or underscores',
      'display name must be 1–200 characters',
      'email must be an email address',
      'password must be at least 12 characters (it has 5)',
    ]);
    expect(adminAccountProblems({ ...good, password: DEMO_PASSWORD }, ADMIN_VARIABLES)).toEqual([
      'ADMIN_PASSWORD must not be the demo password, which is published',
    ]);
  });
});

describe('adminFromEnvironment', () => {
  it('is undefined without ADMIN_USERNAME, and fills the display name', () => {
    expect(adminFromEnvironment({})).toBeUndefined();
    expect(
      adminFromEnvironment({ ADMIN_USERNAME: 'root.admin', ADMIN_PASSWORD: 'a long enough secret' }),
    ).toEqual({
      username: 'root.admin',
      password: 'a long enough secret',
      displayName: DEFAULT_ADMIN_DISPLAY_NAME,
      email: null,
    });
  });
});
