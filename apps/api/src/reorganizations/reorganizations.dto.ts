import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsoDate, OptionalText, RequiredText } from '../common/text.decorators';

/** An ended unit and the unit that takes over its work; no successor when an admin must decide. */
export class ReorganizationUnitDto {
  @ApiProperty({ format: 'uuid', description: 'The unit the decision ends' })
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Its one successor; left out or null when the work splits and an admin decides',
  })
  @IsOptional()
  @IsUUID('all', { message: 'successorId must be a unit id' })
  successorId?: string | null;
}

/** A reorganization decision ("Nghị quyết …"): its number and dates, and the units it ends. */
export class CreateReorganizationDto {
  @ApiProperty({ example: 'Nghị quyết số 12/NQ-HĐND' })
  @RequiredText({ message: 'decisionNo is required', max: 200 })
  decisionNo!: string;

  @ApiProperty({ example: '2026-06-01' })
  @IsoDate('decisionDate')
  decisionDate!: string;

  @ApiProperty({ example: '2026-07-01', description: 'The first day the successors hold the work' })
  @IsoDate('effectiveDate')
  effectiveDate!: string;

  @ApiPropertyOptional() @OptionalText(2000) note?: string;

  @ApiProperty({ type: [ReorganizationUnitDto], description: 'Communes may come later, as a CSV' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReorganizationUnitDto)
  units!: ReorganizationUnitDto[];
}
