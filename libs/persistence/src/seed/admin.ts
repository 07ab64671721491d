import * as bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from './reference-data';
import { PASSWORD_COST } from './seed';

export const ADMIN_PASSWORD_MIN_LENGTH = 12;
export const DEFAULT_ADMIN_DISPLAY_NAME = 'Quản trị hệ thống';
/** As the admin API's CreateUserDto accepts. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AdminAccount {
  username: string;
  displayName: string;
  password: string;
  email?: string | null;
}

/** How each field is called where the account came from, so an error names what the person typed or set. */
export type AdminFieldNames = Record<keyof AdminAccount, string>;
export const ADMIN_FIELDS: AdminFieldNames = {
  username: 'username',
  displayName: 'display name',
  password: 'password',
  email: 'email',
};
export const ADMIN_VARIABLES: AdminFieldNames = {
  username: 'ADMIN_USERNAME',
  displayName: 'ADMIN_DISPLAY_NAME',
  password: 'ADMIN_PASSWORD',
  email: 'ADMIN_EMAIL',
};

export class AdminAccountError extends Error {}

/** What is wrong with a password for an admin, or null: long enough, and not the published demo one. */
export function adminPasswordProblem(password: string): string | null {
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH)
    return `must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters (it has ${password.length})`;
  if (password === DEMO_PASSWORD) return 'must not be the demo password, which is published';
  return null;
}

/** Every problem with an account, each naming its field as `names` call it; empty when it may be created. */
export function adminAccountProblems(account: AdminAccount, names: AdminFieldNames = ADMIN_FIELDS): string[] {
  const problems: string[] = [];
  if (!USERNAME.test(account.username))
    problems.push(`${names.username} must be 3–50 letters, digits, dots, dashes or underscores`);
  const displayName = account.displayName.trim();
  if (displayName.length === 0 || displayName.length > 200)
    problems.push(`${names.displayName} must be 1–200 characters`);
  if (account.email && !EMAIL.test(account.email)) problems.push(`${names.email} must be an email address`);
  const password = adminPasswordProblem(account.password);
  if (password) problems.push(`${names.password} ${password}`);
  return problems;
}

export type CreateAdminResult =
  { created: true; id: string; username: string } | { created: false; existingAdmin: string };

/**
 * Creates an admin account (role `admin`, no unit), recorded in admin_audit as its own creation. Never
 * overwrites: a username already taken, in any case, is an error. With `onlyIfNoAdmin`, nothing happens
 * when any admin exists (the first-admin path of migrate). `source` says what created it, for the audit.
 */
export async function createAdmin(
  dataSource: DataSource,
  account: AdminAccount,
  options: { source: string; onlyIfNoAdmin?: boolean; names?: AdminFieldNames },
): Promise<CreateAdminResult> {
  const problems = adminAccountProblems(account, options.names);
  if (problems.length > 0)
    throw new AdminAccountError(`Cannot create the admin:\n  ${problems.join('\n  ')}`);
  const hash = await bcrypt.hash(account.password, PASSWORD_COST);
  return dataSource.transaction(async (tx) => {
    // Two provisioning runs at once (replicas of a migrate job) must not both see "no admin yet".
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ngk:create-admin'))`);
    if (options.onlyIfNoAdmin) {
      const [admin] = await tx.query(
        `SELECT username FROM users WHERE role = 'admin' ORDER BY username LIMIT 1`,
      );
      if (admin) return { created: false, existingAdmin: admin.username as string };
    }
    const [taken] = await tx.query(`SELECT username FROM users WHERE lower(username) = lower($1)`, [
      account.username,
    ]);
    if (taken) {
      throw new AdminAccountError(
        `Cannot create the admin: a user named "${taken.username}" already exists, and an existing account is never overwritten`,
      );
    }
    const [user] = await tx.query(
      `INSERT INTO users (username, display_name, role, unit_id, email, password_hash)
       VALUES ($1, $2, 'admin', NULL, $3, $4)
       RETURNING id, username, display_name AS "displayName", role, email`,
      [account.username, account.displayName.trim(), account.email || null, hash],
    );
    await tx.query(
      `INSERT INTO admin_audit (actor_user_id, actor_role, request_id, entity, entity_key, action, before, after)
       VALUES ($1, 'admin', $2, 'user', $3, 'create', NULL, $4)`,
      [user.id, options.source, user.id, user],
    );
    return { created: true, id: user.id as string, username: user.username as string };
  });
}

/** The admin account the ADMIN_* variables describe, or undefined when ADMIN_USERNAME is not set. */
export function adminFromEnvironment(env: {
  ADMIN_USERNAME?: string;
  ADMIN_PASSWORD?: string;
  ADMIN_DISPLAY_NAME?: string;
  ADMIN_EMAIL?: string;
}): AdminAccount | undefined {
  if (env.ADMIN_USERNAME === undefined) return undefined;
  return {
    username: env.ADMIN_USERNAME,
    password: env.ADMIN_PASSWORD ?? '',
    displayName: env.ADMIN_DISPLAY_NAME ?? DEFAULT_ADMIN_DISPLAY_NAME,
    email: env.ADMIN_EMAIL ?? null,
  };
}
