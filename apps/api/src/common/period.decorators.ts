import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CALENDAR_YEARS } from '@ngk/domain';
import { stacked } from './text.decorators';

const YEAR_MESSAGE = `year must be between ${CALENDAR_YEARS.first} and ${CALENDAR_YEARS.last}`;
const QUARTERS = [1, 2, 3, 4];

/** A year NGK reports on; in a query string (`query`) its text is read as a number first. */
export function ReportYear({ query = false } = {}): PropertyDecorator {
  return stacked(
    ApiProperty({ example: 2026 }),
    ...(query ? [Type(() => Number)] : []),
    IsInt({ message: 'year must be a year such as 2026' }),
    Min(CALENDAR_YEARS.first, { message: YEAR_MESSAGE }),
    Max(CALENDAR_YEARS.last, { message: YEAR_MESSAGE }),
  );
}

/** A quarter, 1 to 4; `optional`: one left out stands for the whole year. */
export function ReportQuarter({ query = false, optional = false } = {}): PropertyDecorator {
  return stacked(
    optional
      ? ApiPropertyOptional({ enum: QUARTERS, description: 'Left out: the whole year' })
      : ApiProperty({ enum: QUARTERS }),
    ...(optional ? [IsOptional()] : []),
    ...(query ? [Type(() => Number)] : []),
    IsIn(QUARTERS, { message: 'quarter must be 1, 2, 3 or 4' }),
  );
}
