import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, validateSync } from 'class-validator';
import { errorLines, throwIfAny } from './environment';
import { asFlag, emptyAsUnset } from './transforms';

/**
 * What `migrate` and `admin:create` read: the database, whether demo accounts are wanted, and the first
 * admin. The rules an admin's username and password must meet live with the code that creates it.
 */
export class ProvisioningEnvironment {
  /** The apps' role: `migrate` creates it when missing and grants it what the apps need, no more. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  /** The role that owns the tables: `migrate` connects as it; the apps never see it. */
  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_MIGRATION_URL must be a postgres:// connection URL',
  })
  DATABASE_MIGRATION_URL?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Demo accounts (published password) with the reference data; refused in production. */
  @IsOptional()
  @Transform(asFlag)
  @IsBoolean({ message: 'NGK_DEMO must be 1 or 0 (true or false)' })
  NGK_DEMO?: boolean;

  /** With ADMIN_PASSWORD: the first admin, created by migrate when no admin exists, or by admin:create. */
  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  ADMIN_USERNAME?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  ADMIN_DISPLAY_NAME?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  ADMIN_EMAIL?: string;
}

/**
 * Validates the provisioning variables; the error names every bad variable and why. `migrating`: the
 * owner's URL is required, and must name another role than the apps'.
 */
export function validateProvisioningEnvironment(
  raw: Record<string, unknown>,
  options: { migrating?: boolean } = {},
): ProvisioningEnvironment {
  const env = plainToInstance(ProvisioningEnvironment, raw, { exposeDefaultValues: true });
  const lines = errorLines(validateSync(env, { whitelist: false, skipMissingProperties: false }));
  if (options.migrating) lines.push(...migrationRoleProblems(env));
  if (env.NODE_ENV === 'production' && env.NGK_DEMO === true) {
    lines.push(
      '  NGK_DEMO: demo accounts share a published password, so they are refused when NODE_ENV is production',
    );
  }
  if ((env.ADMIN_USERNAME === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    lines.push('  ADMIN_USERNAME, ADMIN_PASSWORD: the first admin needs both, or neither is set');
  }
  for (const name of ['ADMIN_DISPLAY_NAME', 'ADMIN_EMAIL'] as const) {
    if (env[name] !== undefined && env.ADMIN_USERNAME === undefined) {
      lines.push(`  ${name}: describes the admin named by ADMIN_USERNAME, which is not set`);
    }
  }
  return throwIfAny(lines, env);
}

/** Migrations need the owner's URL, and the apps' URL must name a role of its own. */
function migrationRoleProblems(env: ProvisioningEnvironment): string[] {
  if (env.DATABASE_MIGRATION_URL === undefined) {
    return [
      "  DATABASE_MIGRATION_URL: missing: migrations run as the role that owns the tables, the apps as DATABASE_URL's role",
    ];
  }
  const app = urlRole(env.DATABASE_URL);
  if (app === '') {
    return [
      '  DATABASE_URL: must name the role the apps sign in as (postgres://ROLE:PASSWORD@host/database)',
    ];
  }
  if (app !== undefined && app === urlRole(env.DATABASE_MIGRATION_URL)) {
    return [
      '  DATABASE_URL, DATABASE_MIGRATION_URL: both name the same role, so the apps would own the tables; give the apps a role of their own',
    ];
  }
  return [];
}

/** The role a connection URL signs in as (PostgreSQL's own default, the user's name, is not guessed). */
function urlRole(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).username) : undefined;
  } catch {
    return undefined;
  }
}
