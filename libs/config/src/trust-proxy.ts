import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIP } from 'node:net';

/** The names Express's `trust proxy` knows for address ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** Most proxy hops a deployment plausibly has in front of the API. */
const MOST_HOPS = 10;

/**
 * TRUST_PROXY as Express's `trust proxy` takes it: a hop count ("1": one reverse proxy in front), or a
 * comma-separated list of proxy addresses, CIDR ranges or range names. Unset, empty or "0": off.
 */
export const asTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || typeof value === 'number' || Array.isArray(value)) return value;
  const text = String(value).trim();
  if (text === '') return 0;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
};

/** Why one entry of a TRUST_PROXY list is not an address, a range or a range name; null when it is. */
export function trustedProxyProblem(entry: string): string | null {
  if (NAMED_RANGES.includes(entry)) return null;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0)
    return `${entry} is not an IP address, a CIDR range or one of ${NAMED_RANGES.join(', ')}`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  const most = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= most ? null : `${entry} has a prefix length outside 0-${most}`;
}

/** The value is a hop count or a list of trusted proxies, never "trust every proxy". */
export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (typeof value === 'number') {
      return Number.isInteger(value) && value >= 0 && value <= MOST_HOPS
        ? null
        : `a hop count must be a whole number from 0 to ${MOST_HOPS}`;
    }
    if (!Array.isArray(value) || value.length === 0) return 'it must be a hop count or a list of addresses';
    return value.map((entry) => trustedProxyProblem(String(entry))).find((p) => p !== null) ?? null;
  };
  return ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value) => problem(value) === null,
        defaultMessage: (args) =>
          `TRUST_PROXY must be the number of proxies in front of the API (e.g. 1) or their addresses, comma-separated (e.g. 10.0.0.5,10.1.0.0/16,loopback): ${problem(args?.value)}`,
      },
    },
    options,
  );
}
