import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, MaxLength } from 'class-validator';
import { OptionalText, RequiredText } from '../common/text.decorators';

const DATE_MESSAGE = (field: string) => `${field} must be a date (YYYY-MM-DD)`;

export class CalendarQuery {
  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true }, { message: DATE_MESSAGE('from') })
  @MaxLength(10, { message: DATE_MESSAGE('from') })
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'At most 366 days after `from`' })
  @IsDateString({ strict: true }, { message: DATE_MESSAGE('to') })
  @MaxLength(10, { message: DATE_MESSAGE('to') })
  to!: string;
}

export class DateParam {
  @IsDateString({ strict: true }, { message: DATE_MESSAGE('date') })
  @MaxLength(10, { message: DATE_MESSAGE('date') })
  date!: string;
}

/** A day the government announced: an extra day off, or a make-up working day (often a Saturday). */
export class CalendarOverrideDto {
  @ApiProperty({ enum: ['holiday', 'working'] })
  @IsIn(['holiday', 'working'], { message: 'kind must be holiday or working' })
  kind!: 'holiday' | 'working';

  @ApiProperty({ example: 'Nghỉ bù Tết Nguyên đán' })
  @RequiredText({ message: 'name is required', max: 200 })
  name!: string;

  @ApiPropertyOptional({ example: 'Thông báo của Bộ Nội vụ về lịch nghỉ Tết' })
  @OptionalText(500)
  legalBasis?: string;
}
