import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { surveyConfigSchema } from '../../shared/schemas/survey-config.ts';
import { parseProgrammeConfig, loadProgrammeConfig, InvalidConfigError } from '../../shared/config/load-programme-config.ts';
import { describeFireTime, nextFireTimes } from '../../shared/domain/schedule/schedule-expression.ts';

const programmeA = JSON.parse(readFileSync('config/programme-a.json', 'utf8')) as Record<string, unknown>;

function withSurveys(surveys: unknown): unknown {
  return { ...programmeA, surveys };
}

describe('survey configuration', () => {
  it('fills every field with the issue\'s defaults when the block is omitted', () => {
    const { surveys: _omitted, ...rest } = programmeA;
    const config = parseProgrammeConfig(rest, 'test');
    expect(config.surveys.schedule).toBe('cron(0 10 ? 1,4,7,10 TUE#2 *)');
    expect(config.surveys.openDays).toBe(21);
    expect(config.surveys.reminderDays).toEqual([7, 14]);
    expect(config.surveys.roles).toEqual(['client', 'director', 'contact']);
    expect(config.surveys.contactPolicy.minDaysBetweenInvitations).toBe(60);
    expect(config.surveys.questions.csi.attributes.map((a) => a.id)).toEqual([
      'personal-manager',
      'connection-quality',
      'billing-clarity',
      'resolution-speed',
      'money-and-data-protection',
    ]);
    expect(config.surveys.questions.comment.maxLength).toBe(2000);
    expect(config.surveys.closedLoop).toEqual({ npsMax: 6, cesMax: 3, csiAttributeMax: 4, slaWorkingDays: 2, reminderAfterWorkingDays: 1, schedule: 'cron(0 9 ? * MON-FRI *)' });
    expect(config.surveys.questions.nps.text.ru.length).toBeGreaterThan(0);
  });

  it('is written out in full in both shipped configs, equal to what the defaults give', () => {
    for (const file of ['config/programme-a.json', 'config/programme-b.json']) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { surveys: unknown };
      expect(raw.surveys).toEqual(surveyConfigSchema.parse({}));
      expect(loadProgrammeConfig(file).surveys).toEqual(raw.surveys);
    }
  });

  it('keeps a partial block\'s own values and defaults the rest', () => {
    const config = parseProgrammeConfig(withSurveys({ openDays: 28, questions: { comment: { maxLength: 500 } } }), 'test');
    expect(config.surveys.openDays).toBe(28);
    expect(config.surveys.questions.comment.maxLength).toBe(500);
    expect(config.surveys.questions.csi.attributes).toHaveLength(5);
  });

  it('opens the default wave on the second Tuesday of January, April, July and October at 10:00 local', () => {
    const times = nextFireTimes(surveyConfigSchema.parse({}).schedule, { timeZone: 'Asia/Irkutsk', from: new Date('2026-12-31T00:00:00Z'), count: 4 });
    expect(times.map((t) => describeFireTime(t, 'Asia/Irkutsk').local)).toEqual([
      '2027-01-12T10:00:00+08:00',
      '2027-04-13T10:00:00+08:00',
      '2027-07-13T10:00:00+08:00',
      '2027-10-12T10:00:00+08:00',
    ]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a reminder after the close', { openDays: 10, reminderDays: [7, 14] }, /surveys\.reminderDays\.1: .*after the wave closes.*less than 10/],
    ['three reminders', { reminderDays: [3, 5, 7] }, /surveys\.reminderDays: .*at most two/],
    ['an unknown role', { roles: ['client', 'accountant'] }, /surveys\.roles\.1: /],
    ['a zero weight', { questions: { csi: { attributes: [{ id: 'x', label: { ru: 'x', en: 'x' }, weight: 0 }] } } }, /surveys\.questions\.csi\.attributes\.0\.weight: /],
    ['a label without English', { questions: { csi: { attributes: [{ id: 'x', label: { ru: 'x' }, weight: 1 }] } } }, /surveys\.questions\.csi\.attributes\.0\.label\.en: /],
    ['duplicate attribute ids', { questions: { csi: { attributes: [{ id: 'x', label: { ru: 'x', en: 'x' }, weight: 1 }, { id: 'x', label: { ru: 'y', en: 'y' }, weight: 1 }] } } }, /surveys\.questions\.csi\.attributes: CSI attribute ids must be unique/],
    ['a bad schedule', { schedule: 'cron(0 10 ? 1,4,7,10 TUE#6 *)' }, /surveys\.schedule: .*occurrence 1-5/],
    ['a comment limit over 2000', { questions: { comment: { maxLength: 5000 } } }, /surveys\.questions\.comment\.maxLength: /],
    ['a negative policy window', { contactPolicy: { minDaysBetweenInvitations: -1 } }, /surveys\.contactPolicy\.minDaysBetweenInvitations: /],
    ['an NPS threshold of 11', { closedLoop: { npsMax: 11 } }, /surveys\.closedLoop\.npsMax: /],
    ['a reminder after the SLA', { closedLoop: { slaWorkingDays: 2, reminderAfterWorkingDays: 3 } }, /surveys\.closedLoop\.reminderAfterWorkingDays: /],
  ];
  it.each(bad)('refuses %s, naming the field', (_name, surveys, message) => {
    expect(() => parseProgrammeConfig(withSurveys(surveys), 'config/x.json')).toThrow(InvalidConfigError);
    expect(() => parseProgrammeConfig(withSurveys(surveys), 'config/x.json')).toThrow(message);
  });
});
