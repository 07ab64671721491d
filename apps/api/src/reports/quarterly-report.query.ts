import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ReportQuarter, ReportYear } from '../common/period.decorators';

export const REPORT_FORMATS = ['json', 'xlsx', 'html'] as const;

export class QuarterlyReportQuery {
  @ReportYear({ query: true })
  year!: number;

  @ReportQuarter({ query: true })
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
