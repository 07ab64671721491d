import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, ValidateBy } from 'class-validator';
import { parseVndAmount, VND_MAX_DIGITS, type VndAmountProblem } from '@ngk/domain';

/**
 * An amount as typed, as the digits it stands for when parseVndAmount reads it ("1.500.000.000" →
 * "1500000000"); otherwise left as sent, for the rules below to say what is wrong. A JSON number is
 * read as its decimal text, so 1.5 is refused as a decimal, not as the wrong type.
 */
function toDigits({ value }: { value: unknown }): unknown {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return value;
  const parsed = parseVndAmount(text);
  return parsed.ok ? parsed.digits : text;
}

/** One rule per way an amount can be wrong, so each has its own code (the rule's name). */
function refuses(name: string, problem: VndAmountProblem, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || (parseVndAmount(value) as { problem?: string }).problem !== problem,
      defaultMessage: (args) => `${args?.property} ${message}`,
    },
  });
}

/** The names of the amount rules, each a field error code. */
export const VND_AMOUNT_RULES = [
  'vndAmountDecimal',
  'vndAmountAmbiguous',
  'vndAmountTooLarge',
  'vndAmount',
] as const;

/**
 * A whole number of đồng, stored as its digits. Vietnamese grouping is accepted ("1.500.000.000",
 * "1 500 000 000"), and English with two commas or more ("1,500,000,000"): see parseVndAmount.
 */
export function VndAmount(): PropertyDecorator {
  return applyDecorators(
    // Listed bottom first: Nest applies them in order, the reverse of stacking; the type rule is on top.
    refuses('vndAmount', 'format', 'must be a whole number of VND, its digits grouped by thousands at most'),
    refuses('vndAmountTooLarge', 'too-large', `must be below 10^${VND_MAX_DIGITS} VND`),
    refuses(
      'vndAmountAmbiguous',
      'ambiguous',
      'has one comma: write 1500 or 1.500 for fifteen hundred (a comma is a decimal mark in Vietnamese)',
    ),
    refuses('vndAmountDecimal', 'decimal', 'must be a whole number of VND, without a decimal part'),
    IsString({ message: ({ property }) => `${property} must be a whole number of VND` }),
    Transform(toDigits),
  );
}
