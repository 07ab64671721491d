import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { URGENCIES, type Urgency } from '@ngk/domain';
import { VndAmount } from '../../common/amount.decorators';
import { RequiredText } from '../../common/text.decorators';

export class AttachmentDto {
  @ApiProperty({ example: 'so-do-duong-26.pdf' })
  @RequiredText({ max: 200 })
  name!: string;

  @ApiProperty({ example: 'https://files.example.gov.vn/so-do-duong-26.pdf' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url!: string;
}

/** A cadre's recommendation: the situation grasped ("nắm") and the proposal contributed ("góp"). */
export class CreateRecommendationDto {
  @ApiProperty({ example: 'Nâng cấp, mở rộng đường 26 xã Hòa Lợi', minLength: 5, maxLength: 300 })
  @RequiredText({ max: 300 })
  @MinLength(5)
  title!: string;

  @ApiProperty({ description: 'What is happening in the commune (nắm)', minLength: 10, maxLength: 10000 })
  @RequiredText()
  @MinLength(10)
  situation!: string;

  @ApiProperty({ description: 'What should be done, and by whom (góp)', minLength: 10, maxLength: 10000 })
  @RequiredText()
  @MinLength(10)
  proposal!: string;

  @ApiProperty({ example: 'infrastructure', description: 'A code from GET /api/categories' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(64)
  categoryCode!: string;

  @ApiProperty({ format: 'uuid', description: 'The commune (or district) concerned, from GET /api/units' })
  @IsUUID('all')
  localityUnitId!: string;

  @ApiPropertyOptional({
    example: '10.000.000.000',
    description:
      'Estimated cost in VND, a whole number below 10^16: digits, or grouped by thousands with dots or ' +
      'blanks ("1.500.000.000", the Vietnamese way) or with two commas or more ("1,500,000,000"). ' +
      'Answered as plain digits; a decimal part is refused (vndAmountDecimal).',
  })
  @IsOptional()
  @VndAmount()
  costEstimateVnd?: string;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({
    type: [String],
    example: ['529/HD-SNN', '3817/UBND-NN'],
    description: 'Document numbers',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  legalReferences?: string[];

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A unit the cadre suggests; routing rules still decide',
  })
  @IsOptional()
  @IsUUID('all')
  suggestedUnitId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An emerging issue of one of the cadre’s periodic reports this item is made from; linked to it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'fromIssueId must be an issue id' })
  fromIssueId?: string;
}
