import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsoDate, RequiredText } from '../common/text.decorators';

/** Longest decision number ("Quyết định số 12/QĐ-UBND ngày …"). */
const DECISION_MAX = 200;

/** A commune (or district) given to a cadre by a decision, from a day on, until a day or for now. */
export class CreateAssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'A commune or district in force today' })
  @IsUUID('all')
  unitId!: string;

  @ApiProperty({ example: '125/QĐ-UBND', description: 'The decision that assigns the cadre' })
  @RequiredText({ message: 'decisionNo must not be empty', max: DECISION_MAX })
  decisionNo!: string;

  @ApiProperty({ example: '2026-12-01', description: 'First day of the assignment (Việt Nam time)' })
  @IsoDate('validFrom')
  validFrom!: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Last day; omit while it runs' })
  @IsOptional()
  @IsoDate('validTo')
  validTo?: string;
}

/** Ends an assignment on a day (its last day), or reopens it with null. */
export class EndAssignmentDto {
  @ApiProperty({ example: '2026-12-31', nullable: true, description: 'Last day of the assignment' })
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsoDate('validTo')
  validTo!: string | null;
}

/**
 * One decision moves a commune from one cadre to another: the first cadre's assignment ends the day
 * before `validFrom`, the second's begins that day, and the commune's items that wait for the first
 * cadre are handed to the second.
 */
export class ReassignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') unitId!: string;
  @ApiProperty({ format: 'uuid', description: 'The cadre who leaves the commune' })
  @IsUUID('all')
  fromUserId!: string;

  @ApiProperty({ format: 'uuid', description: 'The cadre who takes it' })
  @IsUUID('all')
  toUserId!: string;

  @ApiProperty({ example: '125/QĐ-UBND' })
  @RequiredText({ message: 'decisionNo must not be empty', max: DECISION_MAX })
  decisionNo!: string;

  @ApiProperty({
    example: '2026-12-01',
    description: "The new cadre's first day: today or earlier (a handover is not scheduled ahead)",
  })
  @IsoDate('validFrom')
  validFrom!: string;
}
