import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsoDate } from '../common/text.decorators';

/** A period of submission dates and the slice of items to count. */
export class DashboardQuery {
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
}
