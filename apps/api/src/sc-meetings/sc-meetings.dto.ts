import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { RULING_KINDS, type RulingKind } from '@ngk/domain';
import { CalendarDate, InCalendarYears, OptionalText, RequiredText } from '../common/text.decorators';
import { MAX_DIRECTIVE_WORKING_DAYS } from '../recommendations/dto/action.dto';

/** Longest meeting title and agenda note. */
const TITLE_MAX = 300;
const NOTE_MAX = 2000;
/** An agenda is read in one sitting: beyond this many lines it is not an agenda. */
export const AGENDA_MAX_LINES = 500;

export class CreateScMeetingDto {
  @ApiProperty({ example: '2026-03-20', description: 'The day the Standing Committee meets' })
  @CalendarDate('date')
  date!: string;

  @ApiProperty({ example: 'Phiên họp Ban Thường vụ tháng 3/2026', maxLength: TITLE_MAX })
  @RequiredText({ message: 'title is required', max: TITLE_MAX })
  title!: string;
}

/** One line added by hand: an item, or a flagged emerging issue; exactly one of the two. */
export class AddAgendaLineDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An item; or give reportIssueId instead' })
  @ValidateIf((o: AddAgendaLineDto) => o.reportIssueId === undefined || o.recommendationId !== undefined)
  @IsUUID('all', { message: 'recommendationId must be an item id (or give reportIssueId)' })
  recommendationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A flagged emerging issue; or give recommendationId' })
  @IsOptional()
  @IsUUID('all', { message: 'reportIssueId must be an emerging issue id' })
  reportIssueId?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @OptionalText(NOTE_MAX)
  note?: string;
}

export class UpdateAgendaLineDto {
  @ApiProperty({ maxLength: NOTE_MAX, description: "The secretariat's note on the line; empty clears it" })
  @OptionalText(NOTE_MAX)
  note!: string;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every line's id, in the new order" })
  @IsArray()
  @ArrayMaxSize(AGENDA_MAX_LINES)
  @ArrayUnique({ message: 'lineIds names each line once' })
  @IsUUID('all', { each: true, message: 'lineIds must be agenda line ids' })
  lineIds!: string[];
}

/** A ruling on one line: a directive for an item, a text for an emerging issue. */
export class RecordRulingDto {
  @ApiProperty({
    enum: RULING_KINDS,
    description: 'new-deadline, new-lead-unit or close for an item; text for an issue',
  })
  @IsIn(RULING_KINDS)
  kind!: RulingKind;

  @ApiProperty({ description: "The conclusion's text", maxLength: 10000 })
  @RequiredText({ message: 'text is required for a ruling' })
  text!: string;

  @ApiPropertyOptional({ example: '2026-04-15', description: 'For new-deadline: the date, or workingDays' })
  @ValidateIf((o: RecordRulingDto) => o.dueDate !== undefined)
  @IsDateString({ strict: true }, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @MaxLength(10, { message: 'dueDate must be a date without time (YYYY-MM-DD)' })
  @InCalendarYears()
  dueDate?: string;

  @ApiPropertyOptional({ example: 10, description: 'For new-deadline: working days from the ruling' })
  @IsOptional()
  @IsInt({ message: 'workingDays must be a whole number of working days' })
  @Min(1)
  // A ruling is a directive: the same furthest deadline.
  @Max(MAX_DIRECTIVE_WORKING_DAYS)
  workingDays?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'For new-lead-unit: the unit' })
  @IsOptional()
  @IsUUID('all', { message: 'leadUnitId must be a unit id' })
  leadUnitId?: string;
}

export class AgendaExportQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'html'] })
  @IsOptional()
  @IsIn(['xlsx', 'html'])
  format?: 'xlsx' | 'html';

  @ApiPropertyOptional({ enum: ['vi', 'en'] })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
}
