import { ApiPropertyOptional } from '@nestjs/swagger';
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
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
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

  @ApiPropertyOptional({ description: 'Only the items the caller submitted' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({
    description: 'Words that must all appear in the title, situation or proposal, with or without diacritics',
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
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'cursor is not one this API returned' })
  cursor?: string;
}
