import { InitialSchema1764400000000 } from './1764400000000-initial-schema';

/** Every migration, oldest first. Listed explicitly so bundled and compiled builds find them alike. */
export const MIGRATIONS = [InitialSchema1764400000000];
