import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { UNIT_KINDS, type UnitKind } from '@ngk/domain';
import { IsoDate, OptionalText, RequiredText } from '../common/text.decorators';

const CODE = /^[a-z0-9][a-z0-9-]{1,49}$/;
const CODE_MESSAGE = 'code must be 2–50 lowercase letters, digits or dashes';

/**
 * A field that may be left out but is never null: its column always holds a value, and an update merges
 * what it is sent over the row. (@IsOptional would let null through to the NOT NULL column.)
 */
const Omittable = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

/** A public body or locality; reforms add units with new validity dates rather than renaming old ones. */
export class CreateUnitDto {
  @ApiProperty({ example: 'ba-tri-moi' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS, { message: `kind must be one of ${UNIT_KINDS.join(', ')}` })
  kind!: UnitKind;

  @ApiProperty() @RequiredText({ message: 'nameVi is required', max: 200 }) nameVi!: string;
  @ApiProperty() @RequiredText({ message: 'nameEn is required', max: 200 }) nameEn!: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') parentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Supervising body, when not the parent' })
  @IsOptional()
  @IsUUID('all')
  supervisorId?: string;

  @ApiPropertyOptional() @OptionalText(200) headTitle?: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsoDate('validFrom')
  validFrom!: string;

  @ApiPropertyOptional({ example: '2030-12-31' })
  @IsOptional()
  @IsoDate('validTo')
  validTo?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Units that take over when this one ends, each in force the day after validTo',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  successorIds?: string[];

  @ApiPropertyOptional({ description: 'The decision that named the successors (number and date)' })
  @OptionalText(200)
  successorDecision?: string;
}

/** Null clears what may be empty (parent, supervisor, head title, validTo); names and validFrom refuse it. */
export class UpdateUnitDto extends PartialType(OmitType(CreateUnitDto, ['code', 'kind'] as const), {
  skipNullProperties: false,
}) {}

/** A unit moved under another parent from a day on: today, or a day past to correct the history. */
export class MoveUnitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') parentId!: string;

  @ApiProperty({ example: '2025-07-01', description: 'First day under the new parent (Việt Nam time)' })
  @IsoDate('from')
  from!: string;
}

/** category × locality → lead unit and coordinating units, with an optional SLA policy. */
export class CreateRoutingRuleDto {
  @ApiProperty({ example: 'infrastructure-ba-tri' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiPropertyOptional({ description: 'Omit for every category' })
  @IsOptional()
  @Matches(CODE, { message: 'categoryCode must be a category code' })
  categoryCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Omit for anywhere' })
  @IsOptional()
  @IsUUID('all')
  localityUnitId?: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID('all') leadUnitId!: string;

  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE, { message: 'slaPolicyCode must be a policy code' })
  slaPolicyCode?: string;

  @ApiPropertyOptional({ default: 0 }) @Omittable() @IsInt() @Min(-100) @Max(100) priority?: number;
}

/** Null clears the rule's own SLA policy; the lead unit, coordinating units, priority and active refuse it. */
export class UpdateRoutingRuleDto extends PartialType(
  OmitType(CreateRoutingRuleDto, ['code', 'categoryCode', 'localityUnitId'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ description: 'false: the rule no longer routes' })
  @Omittable()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}
