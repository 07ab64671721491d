import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches, ValidateIf } from 'class-validator';
import { OUTCOMES } from '@ngk/domain';
import { RequiredText } from '../common/text.decorators';

/** A word shaped like a code; whether it names a known outcome or category is the service's 422. */
const CODE = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** Longest template: a written response is free text, but a template is a start, not a file. */
export const TEMPLATE_BODY_MAX = 4000;

/** Left out or given, never null: the column always holds a value and an update merges what it is sent. */
const Omittable = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

/** A response template: its name, the outcome it answers, its category (none: every category), its text. */
export class CreateResponseTemplateDto {
  @ApiProperty({ example: 'Đã đưa vào kế hoạch đầu tư công' })
  @RequiredText({ message: 'name is required', max: 200 })
  name!: string;

  @ApiProperty({ enum: OUTCOMES })
  @Matches(CODE, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome!: string;

  @ApiPropertyOptional({ description: 'Omit (or null on a change) for every category' })
  @IsOptional()
  @Matches(CODE, { message: 'categoryCode must be a category code' })
  categoryCode?: string | null;

  @ApiProperty({ description: 'The text the unit starts its response from, and edits' })
  @RequiredText({ message: 'body is required', max: TEMPLATE_BODY_MAX })
  body!: string;
}

/** A change: any field; `active: false` retires the template (kept, no longer offered). */
export class UpdateResponseTemplateDto extends PartialType(CreateResponseTemplateDto, {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ description: 'false: retired, no longer offered to units' })
  @Omittable()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** Which templates fit the item being resolved: those of one outcome, or of every outcome when left out. */
export class FittingTemplatesQuery {
  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @Matches(CODE, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: string;
}
