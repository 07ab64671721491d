import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, validateSync } from 'class-validator';
import { errorLines, throwIfAny } from './environment';
import { asFlag, emptyAsUnset } from './transforms';

/**
 * What `migrate` and `admin:create` read: the database, whether demo accounts are wanted, and the first
 * admin. The rules an admin's username and password must meet live with the code that creates it.
 */
export class ProvisioningEnvironment {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

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

/** Validates the provisioning variables; the error names every bad variable and why. */
export function validateProvisioningEnvironment(raw: Record<string, unknown>): ProvisioningEnvironment {
  const env = plainToInstance(ProvisioningEnvironment, raw, { exposeDefaultValues: true });
  const lines = errorLines(validateSync(env, { whitelist: false, skipMissingProperties: false }));
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
