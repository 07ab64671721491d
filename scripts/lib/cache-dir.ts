import * as os from 'node:os';
import * as path from 'node:path';

/** Where NGK keeps what it builds or downloads once: `${XDG_CACHE_HOME:-$HOME/.cache}/ngk`. */
export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'ngk');
}
