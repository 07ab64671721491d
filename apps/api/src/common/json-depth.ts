const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text, as UTF-8 bytes, nests arrays and objects deeper than `limit`. One pass over the
 * bytes, no parsing and no recursion, so a body of 100,000 brackets costs what its length costs. Brackets
 * inside strings do not count; malformed text is left for the parser to refuse. UTF-8 never uses these
 * byte values inside a multi-byte character, so the bytes can be read one by one.
 */
export function nestedDeeperThan(json: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      // An escaped character, a quote or a backslash among them, never ends the string.
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
