import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

/** Working days of one SLA policy; a change applies to deadlines computed after it. */
export class SlaPolicyDto {
  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'acknowledgeDays must be a whole number of working days' })
  @Min(1, { message: 'acknowledgeDays must be at least 1' })
  @Max(250, { message: 'acknowledgeDays must be at most 250' })
  acknowledgeDays!: number;

  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'coordinationDays must be a whole number of working days' })
  @Min(1, { message: 'coordinationDays must be at least 1' })
  @Max(250, { message: 'coordinationDays must be at most 250' })
  coordinationDays!: number;

  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'resolutionDays must be a whole number of working days' })
  @Min(1, { message: 'resolutionDays must be at least 1' })
  @Max(250, { message: 'resolutionDays must be at most 250' })
  resolutionDays!: number;

  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'feedbackDays must be a whole number of working days' })
  @Min(1, { message: 'feedbackDays must be at least 1' })
  @Max(250, { message: 'feedbackDays must be at most 250' })
  feedbackDays!: number;

  @ApiProperty({ minimum: 0, maximum: 250 })
  @IsInt({ message: 'verificationGraceDays must be a whole number of working days' })
  @Min(0, { message: 'verificationGraceDays must be at least 0' })
  @Max(250, { message: 'verificationGraceDays must be at most 250' })
  verificationGraceDays!: number;

  @ApiProperty({ minimum: 0, maximum: 250 })
  @IsInt({ message: 'escalationGraceDays must be a whole number of working days' })
  @Min(0, { message: 'escalationGraceDays must be at least 0' })
  @Max(250, { message: 'escalationGraceDays must be at most 250' })
  escalationGraceDays!: number;

  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'directiveDays must be a whole number of working days' })
  @Min(1, { message: 'directiveDays must be at least 1' })
  @Max(250, { message: 'directiveDays must be at most 250' })
  directiveDays!: number;

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

  @ApiPropertyOptional({ type: [String], description: 'Communes a cadre follows' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  followedUnitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiProperty({ minLength: 10 })
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText({ message: 'displayName is required', max: 200 })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  unitId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  followedUnitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ description: 'false: the account can no longer sign in' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password?: string;
}
