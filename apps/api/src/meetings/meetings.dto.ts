import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ATTENDANCE_STATUSES, MEETING_KINDS, type AttendanceStatus, type MeetingKind } from '@ngk/domain';
import { ReportQuarter, ReportYear } from '../common/period.decorators';
import { CalendarDate, OptionalText, RequiredText } from '../common/text.decorators';

/** A quarter, or a whole year when the quarter is left out. */
export class PeriodQuery {
  @ReportYear({ query: true })
  year!: number;

  @ReportQuarter({ query: true, optional: true })
  quarter?: 1 | 2 | 3 | 4;
}

/** The Organization Board's view: a period, and one commune or district if asked. */
export class MeetingsOverviewQuery extends PeriodQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One commune or district only' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;
}

/** A quarter the policy's meetings are made for. */
export class GenerateMeetingsDto {
  @ReportYear()
  year!: number;

  @ReportQuarter()
  quarter!: 1 | 2 | 3 | 4;
}

export class CreateMeetingDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS, { message: `kind must be one of ${MEETING_KINDS.join(', ')}` })
  kind!: MeetingKind;

  @ApiProperty({ format: 'uuid', description: 'The commune (or, for the Standing Committee, the locality)' })
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @ApiProperty({ example: '2026-03-20' })
  @CalendarDate('heldOn')
  heldOn!: string;

  @ApiProperty({ example: 'Hội nghị Ban Chấp hành Đảng bộ xã quý I' })
  @RequiredText({ message: 'title is required', max: 300 })
  title!: string;
}

export class RecordAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status!: AttendanceStatus;

  @ApiPropertyOptional({ description: 'Why the cadre was away: required when absent', maxLength: 1000 })
  @OptionalText(1000)
  reason?: string;

  @ApiPropertyOptional({
    description: 'Who went in the cadre’s place: required when delegated',
    maxLength: 200,
  })
  @OptionalText(200)
  delegateName?: string;

  @ApiPropertyOptional({ description: 'A short note on the meeting', maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}
