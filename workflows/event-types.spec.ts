import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECOMMENDATION_EVENT_TYPES } from '@ngk/domain';

const FOLDER = join(__dirname, 'recommendation');

/** The event types the workflow writes, read from its source: every quoted type it records or routes with. */
function eventTypesInWorkflow(): string[] {
  const files = readdirSync(FOLDER, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = files.map((f) => readFileSync(join(FOLDER, f), 'utf8')).join('\n');
  const found = new Set<string>();
  for (const m of source.matchAll(/type: (?:[^,\n]*\? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g)) {
    found.add(m[1]);
    if (m[2]) found.add(m[2]);
  }
  return [...found].sort();
}

describe('event types', () => {
  // libs/domain's list is what the notification rules cover: an event recorded here and missing there
  // would reach nobody without anyone deciding so.
  it('lists every event type the workflow records', () => {
    expect(eventTypesInWorkflow()).toEqual([...RECOMMENDATION_EVENT_TYPES].sort());
  });
});
