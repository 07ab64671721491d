import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { CALENDAR_YEARS } from '@ngk/domain';

/** Longest free text a request may carry (a response, a reason, a situation). */
export const TEXT_MAX = 10000;

/** Surrounding blanks never count: "  " is an empty reason. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * Applies property decorators as if written one above the other, top first in the list; Nest's
 * applyDecorators applies them in list order, which is the reverse of stacking them.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/** A text that must be there and not blank; a missing one is reported as missing, not as too long. */
export function RequiredText(options: { message?: string; max?: number } = {}): PropertyDecorator {
  return stacked(
    Transform(trim),
    IsNotEmpty(options.message ? { message: options.message } : {}),
    IsString(),
    MaxLength(options.max ?? TEXT_MAX),
  );
}

/** A text that may be left out. */
export function OptionalText(max = TEXT_MAX): PropertyDecorator {
  return stacked(IsOptional(), Transform(trim), IsString(), MaxLength(max));
}

/** A text the lifecycle requires in some cases only (a dispute's reason, a refusal's reason). */
export function TextRequiredWhen<T>(when: (dto: T) => boolean, message: string): PropertyDecorator {
  return applyDecorators(
    ValidateIf((dto: T & Record<string, unknown>, value: unknown) => when(dto) || value !== undefined),
    RequiredText({ message }),
  );
}

/** A calendar date written YYYY-MM-DD, and nothing longer (no time, no zone). */
export function IsoDate(field: string): PropertyDecorator {
  const message = `${field} must be a date (YYYY-MM-DD)`;
  return stacked(IsDateString({ strict: true }, { message }), MaxLength(10, { message }));
}

/** A date in the years the working calendar covers (CALENDAR_YEARS); outside them it cannot count days. */
export function InCalendarYears(): PropertyDecorator {
  const { first, last } = CALENDAR_YEARS;
  return ValidateBy({
    name: 'inCalendarYears',
    constraints: [first, last],
    validator: {
      validate: (value: unknown) => {
        const year = typeof value === 'string' ? Number(value.slice(0, 4)) : NaN;
        return year >= first && year <= last;
      },
      defaultMessage: (args) => `${args?.property} must fall in the years ${first} to ${last}`,
    },
  });
}

/** A date the working calendar is asked about: a YYYY-MM-DD date in the years it covers. */
export function CalendarDate(field: string): PropertyDecorator {
  return stacked(IsoDate(field), InCalendarYears());
}
