import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CALENDAR_YEARS } from '@ngk/domain';

const YEAR_MESSAGE = `year must be between ${CALENDAR_YEARS.first} and ${CALENDAR_YEARS.last}`;

export const REPORT_FORMATS = ['json', 'xlsx', 'html'] as const;

export class QuarterlyReportQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2026' })
  @Min(CALENDAR_YEARS.first, { message: YEAR_MESSAGE })
  @Max(CALENDAR_YEARS.last, { message: YEAR_MESSAGE })
  year!: number;

  @ApiProperty({ enum: [1, 2, 3, 4] })
  @Type(() => Number)
  @IsIn([1, 2, 3, 4], { message: 'quarter must be 1, 2, 3 or 4' })
  quarter!: 1 | 2 | 3 | 4;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead unit reported on (unit heads: their own)' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district reported on, with its communes' })
  @IsOptional()
  @IsUUID('all')
  districtId?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be json, xlsx or html' })
  format?: (typeof REPORT_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'], { message: 'lang must be vi or en' })
  lang?: 'vi' | 'en';
}
