import {
  NOTIFICATION_KINDS,
  NOTIFICATION_RULES,
  NOTIFICATION_SUBJECTS,
  notificationFor,
  notificationSubject,
} from './notifications';
import { RECOMMENDATION_EVENT_TYPES } from './catalogue/events';

describe('notification rules', () => {
  it('has a rule for every event type, or a reason to stay silent', () => {
    expect(Object.keys(NOTIFICATION_RULES).sort()).toEqual([...RECOMMENDATION_EVENT_TYPES].sort());
    for (const type of RECOMMENDATION_EVENT_TYPES) {
      const rule = NOTIFICATION_RULES[type];
      expect(rule).toBeDefined();
      if ('silent' in rule) expect(rule.silent.trim().length).toBeGreaterThan(20);
      else expect(rule.audiences.length).toBeGreaterThan(0);
    }
  });

  it('speaks both languages for every kind, each text its own', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const { vi, en } = NOTIFICATION_SUBJECTS[kind];
      expect(vi.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect(vi).not.toBe(en);
    }
    const vi = NOTIFICATION_KINDS.map((k) => NOTIFICATION_SUBJECTS[k].vi);
    expect(new Set(vi).size).toBe(vi.length);
    expect(notificationSubject('escalated-to-you', 2)).toBe('Chuyển Ban Thường vụ cho ý kiến (cấp 2)');
    expect(notificationSubject('escalated-to-you', 2, 'en')).toBe('Sent to the Standing Committee (level 2)');
  });

  it('tells the people each step concerns', () => {
    const audiences = (type: string, facts = {}) => notificationFor(type, facts)?.audiences;
    expect(audiences('info-requested')).toEqual(['cadre-in-charge']);
    expect(audiences('disputed')).toEqual(['opened-task-units']);
    expect(notificationFor('disputed-to-standing-committee')?.kind).toBe('disputed-to-standing-committee');
    expect(audiences('directive-new-deadline')).toEqual(['opened-task-units']);
    expect(audiences('directive-new-lead-unit')).toEqual(['opened-task-units']);
    expect(audiences('extension-approved')).toEqual(['extension-requester']);
    expect(audiences('extension-refused')).toEqual(['extension-requester']);
    expect(audiences('transferred')).toEqual(['opened-task-units']);
    expect(audiences('reopened')).toEqual(['opened-task-units']);
    expect(notificationFor('deadline-missed', { clock: 'coordination' })).toEqual({
      kind: 'coordination-overdue',
      audiences: ['notify-list', 'lead-unit'],
    });
    expect(notificationFor('deadline-missed', { clock: 'resolution' })?.kind).toBe('overdue');
    expect(notificationFor('escalated', { level: 2 })?.kind).toBe('escalated-to-you');
    expect(notificationFor('escalated', { level: 1 })?.kind).toBe('overdue');
    expect(notificationFor('progress')).toBeNull();
    expect(notificationFor('no-such-event')).toBeNull();
  });
});
