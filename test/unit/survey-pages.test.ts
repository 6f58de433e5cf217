import { describe, it, expect } from 'vitest';
import { answerFormPage, formQuestionsOf, surveyNoticePage } from '../../shared/mail/survey-page.ts';
import { caseEscalationMail, caseOpenedMail } from '../../shared/mail/survey-case-mail.ts';
import { caseFormPage } from '../../shared/mail/survey-case-page.ts';
import { surveyConfigSchema } from '../../shared/schemas/survey-config.ts';
import { caseDates } from '../../shared/domain/surveys/closed-loop.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import type { StatusDecision } from '../../shared/domain/status-decision.ts';
import type { SurveyCaseStore } from '../../shared/ports/survey-answers.ts';
import type { ReviewStore } from '../../shared/ports/review-store.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { sendReviewDigests } from '../../shared/use-cases/status-review/send-digests.ts';
import { unresolvedCasesOf } from '../../shared/use-cases/surveys/unresolved-cases.ts';
import { FakeOutbox } from '../fakes/outbox.ts';

const survey = surveyConfigSchema.parse({});
const script = '<script>alert("x")</script>';
const links = { contacted: 'https://example.com/s/a.b.c', resolved: 'https://example.com/s/d.e.f' };
const kase: SurveyCase = {
  caseId: 'AAAAAAAAAAAAAAAAAAAAAA',
  waveKey: '2027-Q1',
  accountId: 'A000042',
  managerId: 'M001',
  state: 'open',
  reasons: [{ kind: 'nps', score: 3 }],
  scores: { nps: 3, ces: 5, csi: { 'personal-manager': 7 } },
  mayContact: true,
  contact: { contactId: 'C1', fullName: `Ivan ${script}`, email: 'ivan@example.com', comment: script },
  openedAt: '2027-01-15T03:00:00.000Z',
  openedOn: '2027-01-15',
  dates: caseDates('2027-01-15', { slaWorkingDays: 2, reminderAfterWorkingDays: 1 }),
  reminded: false,
  escalated: false,
};
const labels = { 'personal-manager': 'Your personal manager' };

describe('survey pages', () => {
  it('is a plain form for a phone: viewport, radio buttons, no script, nothing loaded from elsewhere', () => {
    const { html, status } = answerFormPage({ status: 200, language: 'en', questions: formQuestionsOf(survey, 'en') });
    expect(status).toBe(200);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<form method="post">');
    expect(html.match(/type="radio" name="nps"/g)).toHaveLength(11);
    expect(html.match(/type="radio" name="ces"/g)).toHaveLength(7);
    for (const a of survey.questions.csi.attributes) expect(html.match(new RegExp(`type="radio" name="csi_${a.id}"`, 'g'))).toHaveLength(10);
    expect(html).not.toMatch(/<script|<link|src=|https?:/i);
  });

  it('asks in the contact\'s language', () => {
    expect(answerFormPage({ status: 200, language: 'ru', questions: formQuestionsOf(survey, 'ru') }).html).toContain(survey.questions.nps.text.ru);
    expect(answerFormPage({ status: 200, language: 'en', questions: formQuestionsOf(survey, 'en') }).html).toContain(survey.questions.nps.text.en);
  });

  it('shows a refused comment back escaped, with the problems', () => {
    const { html, status } = answerFormPage({
      status: 400,
      language: 'en',
      questions: formQuestionsOf(survey, 'en'),
      values: { comment: script, nps: '9' },
      errors: { ces: 'Please choose an answer.' },
    });
    expect(status).toBe(400);
    expect(html).not.toContain(script);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Please choose an answer.');
    expect(html).toContain('name="nps" value="9" required checked');
  });

  it('speaks both languages when the link could not be read', () => {
    const { html, status } = surveyNoticePage('invalid-link', undefined);
    expect(status).toBe(403);
    expect(html).toContain('This link is not valid');
    expect(html).toContain('Ссылка недействительна');
    expect(surveyNoticePage('closed', 'en').html).not.toContain('Опрос');
  });

  it('escapes the comment and the name in the manager\'s mail, and shows them only with consent', () => {
    const mail = caseOpenedMail({ kase, managerName: 'Anna', language: 'en', labels, links });
    expect(mail.html).not.toContain(script);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('ivan@example.com');
    const { contact: _c, ...anonymous } = kase;
    const without = caseOpenedMail({ kase: { ...anonymous, mayContact: false }, managerName: 'Anna', language: 'en', labels, links });
    expect(without.html + without.text).not.toMatch(/ivan|script/i);
    expect(without.text).toContain('A000042');
    expect(without.text).toContain('did not agree to be contacted');
  });

  it('never tells leadership who answered', () => {
    const mail = caseEscalationMail({ kase, managerLabel: 'Anna (M001)', language: 'en', labels });
    expect(mail.html + mail.text + mail.subject).not.toMatch(/ivan|script/i);
    expect(mail.text).toContain('A000042');
  });

  it('escapes a note shown back on the case page, and shows no identity there', () => {
    const { html } = caseFormPage({ kase, action: 'case-contacted', language: 'en', labels, note: script, status: 400, error: 'too long' });
    expect(html).not.toContain(script);
    expect(html).not.toMatch(/ivan/i);
  });
});

describe('yearly status digest', () => {
  it('lists each unresolved case of the manager, overdue ones marked, without who answered', async () => {
    const { managerDigest } = await import('../../shared/mail/status-review-mail.ts');
    const mail = managerDigest({
      to: 'anna@example.com',
      managerName: 'Anna',
      language: 'en',
      reviewKey: 'yearly-2028',
      changes: [],
      openCases: [
        { accountId: 'A000042', accountName: 'Ural <Steel>', waveKey: '2027-Q4', state: 'open', overdue: true, dueOn: '2027-10-14' },
        { accountId: 'A000043', waveKey: '2027-Q4', state: 'contacted', overdue: false, dueOn: '2027-10-15' },
      ],
    });
    expect(mail.text).toContain('not resolved yet');
    expect(mail.text).toContain('Ural <Steel> (A000042)');
    expect(mail.text).toContain('OVERDUE');
    expect(mail.html).toContain('Ural &lt;Steel&gt;');
    expect(mail.html).toContain('A000043');
  });
});

describe('the yearly status review and the closed loop', () => {
  const caseOf = (caseId: string, accountId: string, state: SurveyCase['state'], openedOn: string): SurveyCase => ({
    ...kase, caseId, accountId, accountName: `Client ${accountId}`, state, openedOn, dates: caseDates(openedOn, survey.closedLoop),
  });
  const cases = [
    caseOf('c1', 'A000042', 'open', '2027-11-03'),
    caseOf('c2', 'A000043', 'contacted', '2027-12-28'),
    caseOf('c3', 'A000044', 'resolved', '2027-11-04'),
  ];
  const store = { casesOfManager: async (managerId: string) => cases.filter((c) => c.managerId === managerId) } as unknown as SurveyCaseStore;
  const change = { accountId: 'A000050', managerId: 'M001', outcome: 'granted', previous: { vip: false }, next: { vip: true, tier: 'profitable', validUntil: '2028-12-31' }, reason: 'qualifies', criteria: [], notes: [] } as unknown as StatusDecision;
  const reviews = { listChanges: async () => [change], getRun: async () => undefined } as unknown as ReviewStore;
  const managers = { getManagers: async () => new Map([['M001', { managerId: 'M001', fullName: 'Anna', email: 'anna@example.com', language: 'en' as const }]]) };
  const digestOf = async (reviewKey: string, at: Date) => {
    const outbox = new FakeOutbox();
    await sendReviewDigests(
      { reviewKey, summary: { tiers: {}, outcomes: {} } as never },
      { store: reviews, managers, outbox, mailIdOf, leadershipAddress: 'lead@example.com', leadershipLanguage: 'en', now: () => at, unresolvedCases: (m) => unresolvedCasesOf(store, m, at, 'Asia/Irkutsk') },
    );
    return outbox.mails().find((m) => m.kind === 'status-digest')!;
  };

  it('lists each unresolved case in the manager\'s yearly digest, overdue ones marked, resolved ones left out', async () => {
    const digest = await digestOf('yearly-2028', new Date('2027-12-31T19:00:00Z'));
    expect(digest.text).toContain('A000050');
    expect(digest.text).toContain('not resolved yet');
    expect(digest.text).toContain('Client A000042 (A000042)');
    expect(digest.text).toContain('Client A000043 (A000043)');
    expect(digest.text).not.toContain('A000044');
    // Opened in November, never contacted: overdue; the one contacted in December is not.
    expect(digest.text.match(/OVERDUE/g)).toHaveLength(1);
    expect(digest.text.split('\n').find((l) => l.includes('A000042'))).toContain('OVERDUE');
  });

  it('lists no cases in an admission pass\'s digest', async () => {
    const digest = await digestOf('admission-2028-03-01', new Date('2028-02-29T19:00:00Z'));
    expect(digest.text).toContain('A000050');
    expect(digest.text).not.toContain('A000042');
  });
});
