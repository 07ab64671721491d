import { SEARCH_ATTRIBUTES } from '@ngk/definitions';

const CLI_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  INT: 'Int',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  BOOL: 'Bool',
  DOUBLE: 'Double',
  KEYWORD_LIST: 'KeywordList',
};

/** The search attributes as `NAME=Type` pairs, the form `temporal server start-dev --search-attribute` takes. */
export function searchAttributeRegistrations(): string[] {
  return Object.values(SEARCH_ATTRIBUTES).map((key) => `${key.name}=${CLI_TYPE_NAMES[key.type]}`);
}
