import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PeriodQuery } from '../meetings/meetings.dto';

export const RECORD_FORMATS = ['json', 'xlsx', 'html'] as const;

export class CadreRecordQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: RECORD_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(RECORD_FORMATS, { message: 'format must be json, xlsx or html' })
  format?: (typeof RECORD_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'], { message: 'lang must be vi or en' })
  lang?: 'vi' | 'en';
}
