import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  REPORT_ISSUE_TEXT_MAX,
  REPORT_ISSUES_MAX,
  REPORT_NOTE_MAX,
  REPORT_PERIOD_KINDS,
  REPORT_VISITS_MAX,
  type ReportPeriodKind,
} from '@ngk/domain';
import { CalendarDate, IsoDate, OptionalText, RequiredText } from '../common/text.decorators';

/** An emerging issue the cadre grasped, tagged with a category; `id` keeps one saved before. */
export class ReportIssueDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An issue saved before; left out for a new one' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be an issue id' })
  id?: string;

  @ApiProperty({ example: 'ha-tang', description: 'A category code from GET /api/categories' })
  @RequiredText({ max: 100 })
  categoryCode!: string;

  @ApiProperty({ example: 'Đường liên ấp 3 sạt lở sau mưa lớn, người dân đi lại khó khăn' })
  @RequiredText({ max: REPORT_ISSUE_TEXT_MAX })
  text!: string;
}

/** A field visit: when, where, and what for. */
export class FieldVisitDto {
  @ApiProperty({ example: '2026-11-12', description: 'A day of the report’s period' })
  @CalendarDate('date')
  date!: string;

  @ApiProperty({ example: 'Ấp 3, xã Hòa Lợi' })
  @RequiredText({ max: 300 })
  place!: string;

  @ApiPropertyOptional({ example: 'Nắm tình hình sạt lở' })
  @OptionalText(1000)
  purpose?: string;
}

/** A draft of the agreed short report: each save replaces the sections as sent. */
export class SaveCadreReportDto {
  @ApiProperty({ type: [ReportIssueDto], maxItems: REPORT_ISSUES_MAX })
  @IsArray()
  @ArrayMaxSize(REPORT_ISSUES_MAX)
  @ValidateNested({ each: true })
  @Type(() => ReportIssueDto)
  issues!: ReportIssueDto[];

  @ApiProperty({ type: [FieldVisitDto], maxItems: REPORT_VISITS_MAX })
  @IsArray()
  @ArrayMaxSize(REPORT_VISITS_MAX)
  @ValidateNested({ each: true })
  @Type(() => FieldVisitDto)
  fieldVisits!: FieldVisitDto[];

  @ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX, description: 'A free note, a few lines at most' })
  @OptionalText(REPORT_NOTE_MAX)
  note?: string;
}

/** A correction of a submitted report, kept beside it in its timeline. */
export class CadreReportAmendmentDto {
  @ApiProperty({ example: 'Bổ sung: đoạn sạt lở dài khoảng 40 m, không phải 20 m.' })
  @RequiredText({ max: REPORT_ISSUE_TEXT_MAX })
  text!: string;
}

/** One period of the reports, as the Organization Board picks it. */
export class ReportPeriodQuery {
  @ApiProperty({ enum: REPORT_PERIOD_KINDS })
  @IsIn(REPORT_PERIOD_KINDS, { message: 'periodKind must be month or quarter' })
  periodKind!: ReportPeriodKind;

  @ApiProperty({ example: '2026-10-01', description: 'The period’s first day' })
  @IsoDate('periodStart')
  periodStart!: string;

  @ApiPropertyOptional({ description: 'Only issues of this category' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  categoryCode?: string;
}

export const EXPORT_FORMATS = ['xlsx', 'html'] as const;

export class ReportExportQuery extends ReportPeriodQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format must be xlsx or html' })
  format!: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'], { message: 'lang must be vi or en' })
  lang?: 'vi' | 'en';
}
