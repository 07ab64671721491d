import type { TransformFnParams } from 'class-transformer';

/** An empty variable counts as unset: compose passes `${VAR:-}` through as "". */
export const emptyAsUnset = ({ value }: TransformFnParams): unknown => (value === '' ? undefined : value);

/** A number as given (the validator names what is not one); unset stays unset. */
export const asNumber = ({ value }: TransformFnParams): unknown =>
  value === undefined ? undefined : Number(value);

/** The variables that are set: an empty one counts as unset, so the setting keeps its default. */
export function setVariables(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
}

/** "true"/"1" and "false"/"0" (any case) to booleans; anything else stays as given, for the validator to name. */
export const asFlag = ({ value }: TransformFnParams): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
};

/** A comma-separated list, items trimmed and empty ones dropped; unset stays unset. */
export const asList = ({ value }: TransformFnParams): unknown => {
  if (value === undefined || Array.isArray(value)) return value;
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
};
