import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** The title being typed, and where: items alike in the same commune or category. */
export class SimilarItemsQuery {
  @ApiProperty({ example: 'Nâng cấp đường 26', description: 'Shorter than a few letters: nothing is found' })
  @IsString()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The commune (or district) of the new item' })
  @IsOptional()
  @IsUUID('all')
  localityUnitId?: string;

  @ApiPropertyOptional({ example: 'infrastructure' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'categoryCode must be a category code' })
  categoryCode?: string;
}
