import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsoDate } from '../common/text.decorators';
import { ListRecommendationsQuery } from '../recommendations/dto/list-recommendations.query';

/** A period of submission dates and the slice of items to count: the list's place filters, and a lead unit. */
export class DashboardQuery extends PickType(ListRecommendationsQuery, [
  'districtId',
  'communeId',
  'category',
] as const) {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day of submission counted (Vietnam time)',
  })
  @IsOptional()
  @IsoDate('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day of submission counted' })
  @IsOptional()
  @IsoDate('to')
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items this unit leads' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;
}
