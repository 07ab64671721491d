import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CalendarDate, OptionalText, RequiredText } from '../common/text.decorators';

export class CalendarQuery {
  @ApiProperty({ example: '2026-01-01' })
  @CalendarDate('from')
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'At most 366 days after `from`' })
  @CalendarDate('to')
  to!: string;
}

export class DateParam {
  @ApiProperty({ example: '2027-02-08', description: 'The day, YYYY-MM-DD' })
  @CalendarDate('date')
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
