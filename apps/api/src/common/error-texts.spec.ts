import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { LIFECYCLE_REFUSAL_CODES } from '@ngk/domain';
import { API_REFUSAL_CODES } from './error-codes';

/**
 * Every code a refusal can carry has a text in both languages of the web UI: the codes of every rule of
 * every DTO class in the API (read from class-validator's metadata, so a new DTO or rule is covered the
 * day it is written), the validation pipe's own, the API's and the lifecycle's.
 */
const SOURCES = join(__dirname, '..');
const DICTIONARIES = join(__dirname, '../../public/app/i18n');

/** The web UI's dictionary of refusal texts, an ES module holding one plain object. */
function dictionary(lang: 'vi' | 'en'): Record<string, string> {
  const text = readFileSync(join(DICTIONARIES, `errors.${lang}.js`), 'utf8');
  const load = new Function(text.replace(/^export default /m, 'return ')) as () => Record<string, string>;
  return load();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every class with validation rules in the API's sources: each file that uses class-validator, loaded. */
function validatedClasses(): Map<string, new () => object> {
  const classes = new Map<string, new () => object>();
  for (const file of sourceFiles(SOURCES)) {
    if (!/from 'class-validator'|from '\.\.?\/.*decorators'/.test(readFileSync(file, 'utf8'))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value === 'function')
        classes.set(`${relative(SOURCES, file)}#${name}`, value as new () => object);
    }
  }
  return classes;
}

/** The code each rule of a class gives a refused field: its constraint's name. */
function ruleCodes(cls: new () => object): string[] {
  const storage = getMetadataStorage();
  return storage.getTargetValidationMetadatas(cls, '', true, false).flatMap((m) => {
    if (m.type === 'customValidation')
      return storage.getTargetValidatorConstraints(m.constraintCls).map((c) => c.name);
    if (m.type === 'nestedValidation' || m.type === 'isDefined') return [m.type];
    return []; // conditionalValidation (IsOptional, ValidateIf) and whitelist (Allow) refuse nothing
  });
}

/** Codes the validation pipe gives without a decorator: a field not in the DTO, a body that is no object. */
const PIPE_CODES = ['whitelistValidation', 'unknownValue'];

describe('refusal texts in the web UI', () => {
  const classes = validatedClasses();
  const dtoCodes = new Set([...classes.values()].flatMap(ruleCodes));
  const codes = [...new Set([...dtoCodes, ...PIPE_CODES, ...API_REFUSAL_CODES, ...LIFECYCLE_REFUSAL_CODES])];

  it('finds the DTO classes and their rules', () => {
    expect([...classes.keys()]).toEqual(
      expect.arrayContaining([
        'recommendations/dto/create-recommendation.dto.ts#CreateRecommendationDto',
        'recommendations/dto/action.dto.ts#ResolveDto',
        'auth/auth.dto.ts#LoginDto',
      ]),
    );
    expect([...dtoCodes]).toEqual(
      expect.arrayContaining([
        'isNotEmpty',
        'maxLength',
        'isUuid',
        'vndAmountDecimal',
        'budgetYearFitsPlanDate',
      ]),
    );
  });

  it.each(['vi', 'en'] as const)('has a %s text for every code', (lang) => {
    const texts = dictionary(lang);
    expect(codes.filter((code) => typeof texts[`err.${code}`] !== 'string' || !texts[`err.${code}`])).toEqual(
      [],
    );
  });

  it('has the same keys and placeholders in both languages, and no text that is not a refusal', () => {
    const vi = dictionary('vi');
    const en = dictionary('en');
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(vi))
      expect([key, placeholders(vi[key])]).toEqual([key, placeholders(en[key])]);
    // A key is a code (err.<code>), a code for one field (err.<code>@<field>), or the generic fallback.
    const known = new Set(codes.map((code) => `err.${code}`));
    const stray = Object.keys(vi).filter(
      (key) => !known.has(key.replace(/@[\w-]+$/, '')) && !key.startsWith('err.generic'),
    );
    expect(stray).toEqual([]);
  });
});
