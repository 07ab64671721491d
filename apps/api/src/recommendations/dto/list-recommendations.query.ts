import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '@ngk/domain';
import { CalendarDate } from '../../common/text.decorators';
import { LIST_SORTS, type ListOrder, type ListSort } from '../list-cursor';

const boolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListRecommendationsQuery {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items where this unit leads or coordinates' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items from this district or its communes' })
  @IsOptional()
  @IsUUID('all')
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  communeId?: string;

  @ApiPropertyOptional({ example: 'infrastructure' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(boolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: [0, 1, 2],
    description: '1: head and supervising body told; 2: Standing Committee',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'escalationLevel must be 0, 1 or 2' })
  @Min(0, { message: 'escalationLevel must be 0, 1 or 2' })
  @Max(2, { message: 'escalationLevel must be 0, 1 or 2' })
  escalationLevel?: number;

  @ApiPropertyOptional({
    description: 'Only the items the caller submitted or, since a handover, is the cadre in charge of',
  })
  @IsOptional()
  @Transform(boolean)
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({
    description:
      "Items the caller's unit holds or ever held (led, routed at the triage desk, or took a directive for), " +
      'closed and transferred ones included; for users with a unit',
  })
  @IsOptional()
  @Transform(boolean)
  @IsBoolean({ message: 'handledByMyUnit must be true or false' })
  handledByMyUnit?: boolean;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day of submission listed (Vietnam time)',
  })
  @IsOptional()
  @CalendarDate('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day of submission listed (Vietnam time)' })
  @IsOptional()
  @CalendarDate('to')
  to?: string;

  @ApiPropertyOptional({
    enum: LIST_SORTS,
    default: 'submitted',
    description:
      'submitted: by submission time; deadline: by resolution deadline (items without one last when ' +
      'soonest first); activity: by the time of the latest event',
  })
  @IsOptional()
  @IsIn(LIST_SORTS, { message: `sort must be one of: ${LIST_SORTS.join(', ')}` })
  sort?: ListSort;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'Default: newest first for submitted and activity, soonest first for deadline',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: ListOrder;

  @ApiPropertyOptional({
    description:
      'Words that must all appear in the title, situation or proposal, with or without diacritics; ' +
      'a reference number (KN-2026-000123, or its six digits 000123) finds that item',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,300}$/, { message: 'cursor is not one this API returned' })
  cursor?: string;
}

/** The CSV export: the list's filters and order, every page at once, headers in the language asked. */
export class ExportRecommendationsQuery extends OmitType(ListRecommendationsQuery, [
  'limit',
  'cursor',
] as const) {
  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'], { message: 'lang must be vi or en' })
  lang?: 'vi' | 'en';
}
