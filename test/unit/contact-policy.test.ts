import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mayInvite, mayRemind, type ContactSituation } from '../../shared/domain/surveys/contact-policy.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { contactExclusion, isVipOn, surveyLanguage } from '../../shared/domain/surveys/recipient-selection.ts';

const settings = { minDaysBetweenInvitations: 60 };
const never: ContactSituation = { history: {}, openCases: 0 };

describe('the contact policy', () => {
  it('invites a contact the programme has never mailed and who has no open case', () => {
    expect(mayInvite('2027-Q1', '2027-01-12', never, settings)).toEqual({ allowed: true });
  });

  it('invites a contact at most once per wave, whatever the dates', () => {
    expect(mayInvite('2027-Q1', '2027-01-12', { history: { lastWaveKey: '2027-Q1', lastMailedOn: '2026-01-01' }, openCases: 0 }, settings)).toEqual({ allowed: false, reason: 'already-in-wave' });
    expect(mayInvite('2027-Q1', '2027-01-12', { history: { lastWaveKey: '2026-Q4', lastMailedOn: '2026-10-13' }, openCases: 0 }, settings)).toEqual({ allowed: true });
  });

  it('refuses within the window after the last survey mail, counting a reminder as a mail, and allows on the 60th day', () => {
    // Invited 2026-10-13 (Q4), last reminded 2026-10-27: the window runs from the reminder.
    const reminded: ContactSituation = { history: { lastWaveKey: '2026-Q4', lastMailedOn: '2026-10-27' }, openCases: 0 };
    expect(mayInvite('2027-Q1', addDays('2026-10-27', 59), reminded, settings)).toEqual({ allowed: false, reason: 'too-soon' });
    expect(mayInvite('2027-Q1', addDays('2026-10-27', 60), reminded, settings)).toEqual({ allowed: true });
    expect(mayInvite('2027-Q1', '2026-12-01', reminded, { minDaysBetweenInvitations: 0 })).toEqual({ allowed: true });
  });

  it('refuses while a closed-loop case on the client is open, and refuses reminders then too', () => {
    const withCase: ContactSituation = { history: {}, openCases: 1 };
    expect(mayInvite('2027-Q1', '2027-01-12', withCase, settings)).toEqual({ allowed: false, reason: 'open-case' });
    expect(mayRemind(withCase)).toEqual({ allowed: false, reason: 'open-case' });
    expect(mayRemind(never)).toEqual({ allowed: true });
  });

  it('a reminder is not stopped by the window (it belongs to the wave the contact is in)', () => {
    expect(mayRemind({ history: { lastWaveKey: '2027-Q1', lastMailedOn: '2027-01-12' }, openCases: 0 })).toEqual({ allowed: true });
  });

  it('never allows two invitations less than N days apart (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 }), (gap, window) => {
        const decision = mayInvite('2027-Q2', addDays('2027-01-01', gap), { history: { lastWaveKey: '2027-Q1', lastMailedOn: '2027-01-01' }, openCases: 0 }, { minDaysBetweenInvitations: window });
        expect(decision.allowed).toBe(gap >= window);
      }),
    );
  });
});

describe('recipient selection', () => {
  it('counts an account as VIP on a day only with a tier and a validity not yet over', () => {
    expect(isVipOn({ vip: true, tier: 'profitable', validUntil: '2027-12-31' }, '2027-01-12')).toBe(true);
    expect(isVipOn({ vip: true, tier: 'profitable', validUntil: '2027-01-11' }, '2027-01-12')).toBe(false);
    expect(isVipOn({ vip: true, tier: 'profitable', validUntil: '2027-01-12' }, '2027-01-12')).toBe(true);
    expect(isVipOn({ vip: true }, '2027-01-12')).toBe(false);
    expect(isVipOn({ vip: false, tier: 'profitable' }, '2027-01-12')).toBe(false);
  });

  it('surveys a contact only in a configured role, with an address, consent and active', () => {
    const ok = { contactId: 'C1', role: 'director', email: 'a@example.com', consentEmail: true, active: true };
    expect(contactExclusion(ok, ['client', 'director'])).toBeUndefined();
    expect(contactExclusion(ok, ['client'])).toBe('role');
    expect(contactExclusion({ ...ok, email: '' }, ['director'])).toBe('no-email');
    expect(contactExclusion({ ...ok, consentEmail: false }, ['director'])).toBe('no-consent');
    expect(contactExclusion({ ...ok, active: false }, ['director'])).toBe('inactive');
  });

  it('writes in the contact\'s language when the programme speaks it', () => {
    expect(surveyLanguage({ contactId: 'C', role: 'client', language: 'en' }, ['ru', 'en'])).toBe('en');
    expect(surveyLanguage({ contactId: 'C', role: 'client', language: 'en' }, ['ru'])).toBe('ru');
    expect(surveyLanguage({ contactId: 'C', role: 'client' }, ['en', 'ru'])).toBe('en');
  });
});
