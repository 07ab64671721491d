import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  budgetYearFitsPlanDate,
  CALENDAR_YEARS,
  MAX_EXTENSION_WORKING_DAYS,
  OUTCOMES,
  type Outcome,
} from '@ngk/domain';
import { InCalendarYears, OptionalText, RequiredText, TextRequiredWhen } from '../../common/text.decorators';

/**
 * A planned outcome's budget year agrees with its plan date (budgetYearFitsPlanDate, where the State
 * Budget Law's reasons are); the workflow checks the same rule, this says so field by field first.
 */
function BudgetYearFitsPlanDate(): PropertyDecorator {
  return ValidateBy({
    name: 'budgetYearFitsPlanDate',
    validator: {
      validate: (value: unknown, args) => {
        const { outcome, planDate } = args?.object as ResolveDto;
        // A plan date that is itself refused (malformed, outside the calendar) is reported alone.
        const year =
          typeof planDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(planDate)
            ? Number(planDate.slice(0, 4))
            : NaN;
        const readable = year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
        return (
          outcome !== 'planned' ||
          !readable ||
          typeof value !== 'number' ||
          budgetYearFitsPlanDate(planDate!, value)
        );
      },
      defaultMessage: (args) => {
        const year = Number(String((args?.object as ResolveDto).planDate).slice(0, 4));
        return `budgetYear must be the plan date's year (${year}) or the year before it`;
      },
    },
  });
}

/** Longest deadline a directive may set in working days (about a year). */
export const MAX_DIRECTIVE_WORKING_DAYS = 250;

/** Triage office: routes an item no rule matched. */
export class RouteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  leadUnitId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];

  @ApiPropertyOptional()
  @OptionalText()
  note?: string;
}

export class AcknowledgeDto {
  @ApiPropertyOptional()
  @OptionalText()
  note?: string;
}

export class CoordinateDto {
  @ApiProperty({ description: "The coordinating unit's opinion for the lead unit" })
  @RequiredText()
  opinion!: string;
}

export class RequestInfoDto {
  @ApiProperty({
    description:
      "What the lead unit needs from the cadre; the SLA clock pauses until the cadre answers or the cadre's time (the policy's working days) ends",
  })
  @RequiredText()
  question!: string;
}

/** The cadre in charge of a closed item (its submitter unless handed over) reopens it within its window, saying why. */
export class ReopenDto {
  @ApiProperty({
    description: 'Why the answer or its result falls short; the item goes back to its last lead unit',
  })
  @RequiredText({ message: 'reason is required to reopen' })
  reason!: string;
}

/** The lead unit's head or the cadre in charge asks the Standing Committee to rule on an open item, saying why. */
export class RequestRulingDto {
  @ApiProperty({
    description:
      "Why the Standing Committee should rule; the item goes on its next meeting's agenda proposal",
  })
  @RequiredText({ message: 'reason is required to ask for a ruling' })
  reason!: string;
}

export class ProvideInfoDto {
  @ApiProperty()
  @RequiredText()
  answer!: string;
}

export class TransferDto {
  @ApiProperty({ description: 'Why the item is not for this unit' })
  @RequiredText({ message: 'reason is required for a transfer' })
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Target unit; omit or null for the triage office',
  })
  @IsOptional()
  @IsUUID('all')
  toUnitId?: string | null;
}

export class ProgressDto {
  @ApiProperty()
  @RequiredText()
  note!: string;
}

export class ResolveDto {
  @ApiProperty({ description: 'The written response to the cadre' })
  @RequiredText()
  response!: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'Required when the outcome is planned' })
  @ValidateIf((o: ResolveDto) => o.outcome === 'planned' || o.planDate !== undefined)
  @IsDateString(
    { strict: true },
    { message: 'planDate must be a date (YYYY-MM-DD) when the outcome is planned' },
  )
  @MaxLength(10, { message: 'planDate must be a date without time (YYYY-MM-DD)' })
  @InCalendarYears()
  planDate?: string;

  @ApiPropertyOptional({
    example: 2027,
    description:
      "Required when the outcome is planned: the plan date's year, or the year before it (budget carried over)",
  })
  @ValidateIf((o: ResolveDto) => o.outcome === 'planned' || o.budgetYear !== undefined)
  @IsInt({ message: 'budgetYear must be a year when the outcome is planned' })
  @Min(CALENDAR_YEARS.first)
  @Max(CALENDAR_YEARS.last)
  @BudgetYearFitsPlanDate()
  budgetYear?: number;

  @ApiPropertyOptional({ description: 'Required when the outcome is not-accepted' })
  @TextRequiredWhen(
    (o: ResolveDto) => o.outcome === 'not-accepted',
    'reason is required when the recommendation is not accepted',
  )
  reason?: string;
}

export class FeedbackDto {
  @ApiProperty({ enum: ['accept', 'dispute'] })
  @IsIn(['accept', 'dispute'])
  verdict!: 'accept' | 'dispute';

  @ApiPropertyOptional({ description: 'Required for a dispute' })
  @TextRequiredWhen((o: FeedbackDto) => o.verdict === 'dispute', 'reason is required for a dispute')
  reason?: string;
}

export class VerifyDto {
  @ApiProperty({ enum: ['done', 'reopen'] })
  @IsIn(['done', 'reopen'])
  verdict!: 'done' | 'reopen';

  @ApiPropertyOptional({ description: 'Required to reopen' })
  @TextRequiredWhen((o: VerifyDto) => o.verdict === 'reopen', 'reason is required to reopen')
  reason?: string;
}

export class DirectiveDto {
  @ApiProperty({ enum: ['new-deadline', 'new-lead-unit', 'close'] })
  @IsIn(['new-deadline', 'new-lead-unit', 'close'])
  kind!: 'new-deadline' | 'new-lead-unit' | 'close';

  @ApiProperty()
  @RequiredText({ message: 'reason is required for a directive' })
  reason!: string;

  @ApiPropertyOptional({
    example: '2027-01-15',
    description: 'For new-deadline: the date it falls due (17:00), or give workingDays instead',
  })
  @ValidateIf(
    (o: DirectiveDto) =>
      (o.kind === 'new-deadline' && o.workingDays === undefined) || o.dueDate !== undefined,
  )
  @IsDateString({ strict: true }, { message: 'dueDate must be a date (YYYY-MM-DD) for a new deadline' })
  @MaxLength(10, { message: 'dueDate must be a date without time (YYYY-MM-DD)' })
  @InCalendarYears()
  dueDate?: string;

  @ApiPropertyOptional({
    example: 10,
    description: 'For new-deadline: working days from now, instead of dueDate',
  })
  @IsOptional()
  @IsInt({ message: 'workingDays must be a whole number of working days' })
  @Min(1)
  @Max(MAX_DIRECTIVE_WORKING_DAYS)
  workingDays?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for new-lead-unit' })
  @ValidateIf((o: DirectiveDto) => o.kind === 'new-lead-unit' || o.leadUnitId !== undefined)
  @IsUUID('all', { message: 'leadUnitId must be a unit id for a new lead unit' })
  leadUnitId?: string;
}

/** Lead unit: ask for more time, with a reason; decided one level up. */
export class RequestExtensionDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: MAX_EXTENSION_WORKING_DAYS })
  @IsInt({ message: 'workingDays must be a whole number of working days' })
  @Min(1)
  @Max(MAX_EXTENSION_WORKING_DAYS)
  workingDays!: number;

  @ApiProperty({ description: 'Why the deadline cannot be met' })
  @RequiredText({ message: 'reason is required for an extension request' })
  reason!: string;
}

/** Head of the lead unit or of its supervising body: approve or refuse a pending extension. */
export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'])
  decision!: 'approve' | 'refuse';

  @ApiPropertyOptional({ description: 'Required to refuse' })
  @TextRequiredWhen((o: DecideExtensionDto) => o.decision === 'refuse', 'reason is required to refuse')
  reason?: string;
}

/** The lead unit merges the item into the one it duplicates, saying why; the item closes for good. */
export class MarkDuplicateDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The original: an item the caller sees, not this one, not itself a duplicate, not closed for good',
  })
  @IsUUID('all')
  originalId!: string;

  @ApiProperty({ description: 'Why the two are the same; the timelines of both say it' })
  @RequiredText({ message: 'reason is required to mark a duplicate' })
  reason!: string;
}
