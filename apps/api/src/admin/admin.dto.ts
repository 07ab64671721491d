import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '@ngk/domain';
import { RequiredText } from '../common/text.decorators';

export class ReminderPointDto {
  @ApiProperty({ example: 2 })
  @IsInt({ message: 'workingDaysBefore must be a whole number' })
  @Min(0)
  @Max(20)
  workingDaysBefore!: number;

  @ApiProperty({ example: '08:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'at must be a time of day, HH:MM' })
  at!: string;
}

/** A whole number of working days within the range a province would set (at most about a year). */
function WorkingDays(min: 0 | 1): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ minimum: min, maximum: 250 }),
    IsInt({ message: ({ property }) => `${property} must be a whole number of working days` }),
    Min(min, { message: ({ property }) => `${property} must be at least ${min}` }),
    Max(250, { message: ({ property }) => `${property} must be at most 250` }),
  );
}

/** Working days of one SLA policy; a change applies to deadlines computed after it. */
export class SlaPolicyDto {
  @WorkingDays(1) acknowledgeDays!: number;
  @WorkingDays(1) coordinationDays!: number;
  @WorkingDays(1) resolutionDays!: number;
  @WorkingDays(1) feedbackDays!: number;
  @WorkingDays(0) verificationGraceDays!: number;
  @WorkingDays(0) escalationGraceDays!: number;
  @WorkingDays(1) directiveDays!: number;

  // Optional, so that a client written before these existed keeps their values.
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 250,
    description: 'Working days the cadre has to answer a question',
  })
  @IsOptional()
  @IsInt({ message: 'infoDays must be a whole number of working days' })
  @Min(1, { message: 'infoDays must be at least 1' })
  @Max(250, { message: 'infoDays must be at most 250' })
  infoDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 365,
    description: 'Calendar days after closing in which the cadre may reopen the item (0: never)',
  })
  @IsOptional()
  @IsInt({ message: 'reopenDays must be a whole number of days' })
  @Min(0, { message: 'reopenDays must be at least 0' })
  @Max(365, { message: 'reopenDays must be at most 365' })
  reopenDays?: number;

  @ApiProperty({ type: [ReminderPointDto] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ReminderPointDto)
  reminderPoints!: ReminderPointDto[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'officer.baTri' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/i, {
    message: 'username must be 3–50 letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty({ example: 'Chuyên viên UBND huyện Ba Tri' })
  @RequiredText({ message: 'displayName is required', max: 200 })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for unit officers and heads' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiProperty({ minLength: 10 })
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password!: string;
}

/** Any account field but the username; a null unitId takes the user out of their unit. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional({ description: 'false: the account can no longer sign in' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** What the admin screens audit; calendar overrides are keyed by their date. */
export const AUDITED_ENTITIES = [
  'user',
  'cadre_assignment',
  'unit',
  'routing_rule',
  'sla_policy',
  'calendar_override',
  'reorganization',
  'response_template',
] as const;

export class AuditQuery {
  @ApiProperty({ enum: AUDITED_ENTITIES })
  @IsIn(AUDITED_ENTITIES, { message: `entity must be one of ${AUDITED_ENTITIES.join(', ')}` })
  entity!: (typeof AUDITED_ENTITIES)[number];

  @ApiPropertyOptional({ description: 'One record: its id, code or date' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'key must be an id, a code or a date' })
  key?: string;

  @ApiPropertyOptional({ description: 'true: only the last change of each record' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'latest must be true or false' })
  latest?: 'true' | 'false';

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}
