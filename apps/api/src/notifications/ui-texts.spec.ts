import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_KINDS, NOTIFICATION_SUBJECTS } from '@ngk/domain';

/** The web UI's dictionary, read as text: it is a browser module, not loaded by Jest. */
function dictionary(lang: 'vi' | 'en'): Map<string, string> {
  const source = readFileSync(join(__dirname, `../../public/app/i18n/${lang}.js`), 'utf8');
  const entries = new Map<string, string>();
  for (const m of source.matchAll(/^\s*'([^']+)':\s*'((?:[^'\\]|\\.)*)',?$/gm)) entries.set(m[1], m[2]);
  return entries;
}

describe('notification words in the web UI', () => {
  it.each(['vi', 'en'] as const)('says every kind as the email does, in %s', (lang) => {
    const words = dictionary(lang);
    expect(words.size).toBeGreaterThan(100);
    for (const kind of NOTIFICATION_KINDS) {
      expect([kind, words.get(`notification.kind.${kind}`)]).toEqual([
        kind,
        NOTIFICATION_SUBJECTS[kind][lang],
      ]);
    }
    for (const step of [
      'feedback',
      'provide-info',
      'verify',
      'lead',
      'coordinating',
      'triage',
      'directive',
      'extension',
    ]) {
      expect(words.get(`waiting.step.${step}`)).toBeTruthy();
    }
  });
});
