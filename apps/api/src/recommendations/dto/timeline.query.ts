import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { TIMELINE_ORDERS, type TimelineOrder } from '../timeline-cursor';

/** Pages an item may have thousands of events: one answer never carries them all. */
export const TIMELINE_PAGE = { default: 50, max: 200 } as const;

export class TimelineQuery {
  @ApiPropertyOptional({
    enum: TIMELINE_ORDERS,
    default: 'oldest',
    description: 'oldest: as the events happened; newest: the latest first',
  })
  @IsOptional()
  @IsIn(TIMELINE_ORDERS, { message: `order must be one of: ${TIMELINE_ORDERS.join(', ')}` })
  order?: TimelineOrder;

  @ApiPropertyOptional({ default: TIMELINE_PAGE.default, minimum: 1, maximum: TIMELINE_PAGE.max })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TIMELINE_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page, read in the same order' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,64}$/, { message: 'cursor is not one this API returned' })
  cursor?: string;
}
