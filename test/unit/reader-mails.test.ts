import { describe, it, expect } from 'vitest';
import { decideStatus } from '../../shared/domain/status-rules.ts';
import { noStatus, type AccountStatus } from '../../shared/domain/account.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import { leadershipSummary, managerDigest } from '../../shared/mail/status-review-mail.ts';
import { managerTaskDigest, overdueTasksMail } from '../../shared/mail/gift-task-mail.ts';
import { surveyMail } from '../../shared/mail/survey-invitation-mail.ts';
import { caseEscalationMail, caseOpenedMail, caseReminderMail } from '../../shared/mail/survey-case-mail.ts';
import { dateIn, moneyIn, personWithAccount, readerLanguages, type ReaderLanguage } from '../../shared/mail/reader-labels.ts';
import { criterionTextIn, decisionReasonIn } from '../../shared/mail/status-labels.ts';
import { accountFacts, programmeA, programmeB } from '../fixtures/accounts.ts';

/**
 * Latin words a Russian reader must not meet: what is left after removing links, the acronyms
 * the programme uses in both languages, and the data the mail was given (names, ids).
 */
function englishIn(text: string, data: readonly string[] = []): string[] {
  let rest = text.replace(/https?:\/\/\S+/g, ' ');
  for (const d of data) rest = rest.split(d).join(' ');
  return (rest.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? []).map((w) => w.replace(/-$/, '')).filter((w) => !['VIP', 'NPS', 'CES', 'CSI', 'E-mail'].includes(w));
}
const isoDates = (text: string) => text.replace(/https?:\/\/\S+/g, ' ').match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [];
/** Every place a reader's language shows itself, in one string for the checks. */
const whole = (mail: { subject: string; text: string; html: string }) => `${mail.subject}\n${mail.text}\n${visibleHtml(mail.html)}`;
/** What a reader sees of the HTML part: its text and its links' addresses, without the markup. */
const visibleHtml = (html: string) => html.replace(/href="([^"]*)"/g, ' $1 ').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');

const rules = programmeA.statusReview.rules;
const tierNames = { profitable: 'Доходный', 'highly-profitable': 'Высокодоходный', 'very-highly-profitable': 'Особо доходный' };
const vip = (tier: string): AccountStatus => ({ vip: true, tier, validUntil: '2026-12-31', since: '2024-01-01' });
const review = (facts: ReturnType<typeof accountFacts>, current: AccountStatus = noStatus) =>
  decideStatus({ facts: { ...facts, name: 'ООО Ромашка' }, current, rules, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly' });
const granted = review(accountFacts({ perNumberRub: 3000 }));
const byAccountOnly = review(accountFacts({ perNumberRub: 1000, numbers: 70 }));
const revoked = { ...review(accountFacts({ perNumberRub: 3000, latePayments: 3 }), { ...vip('profitable'), graceLeft: 0 }) };
const changes = [granted, byAccountOnly, revoked];

const task = (over: Partial<GiftTask>): GiftTask => ({
  taskId: 't1', accountId: 'A000042', sourceId: 'c1', managerId: 'M001', tier: 'profitable', occasionKind: 'client-birthday', occasionDate: '2027-03-14', issueDate: '2027-03-01',
  personName: 'Зайцева Алина Николаевна', accountName: 'Зайцева Алина Николаевна', giftId: 'flowers', reservedKopecks: 500_000, priceKopecks: 500_000, budgetMonth: '2027-03', costItem: 'vip-gifts', state: 'open', createdAt: '2027-03-01T00:00:00Z',
  ...over,
}) as GiftTask;
const tasks = [
  { task: task({}), doneUrl: 'https://x.example/tasks/a', cancelUrl: 'https://x.example/tasks/b', lineLeftKopecks: 14_500_000 },
  { task: task({ taskId: 't2', occasionKind: 'company-anniversary', sourceId: 'company-founding', personName: 'Годовщина основания', accountName: 'ООО Ромашка' }), doneUrl: 'https://x.example/tasks/c', cancelUrl: 'https://x.example/tasks/d' },
  { task: task({ taskId: 't3', occasionKind: 'contact-birthday', personName: 'Петров Пётр', accountName: 'ООО Ромашка', state: 'awaiting-budget', reservedKopecks: 0 }), doneUrl: 'https://x.example/tasks/e', cancelUrl: 'https://x.example/tasks/f' },
];

const kase: SurveyCase = {
  caseId: 'inv1', waveKey: '2027-Q1', accountId: 'A000042', accountName: 'ООО Ромашка', managerId: 'M001', state: 'open', reasons: [{ kind: 'nps', score: 3 }], scores: { nps: 3, ces: 6, csi: {} },
  mayContact: false, openedAt: '2027-02-01T03:00:00Z', openedOn: '2027-02-01', dates: { remindOn: '2027-02-02', dueOn: '2027-02-03', escalateOn: '2027-02-04' }, reminded: false, escalated: false,
};
const links = { contacted: 'https://x.example/c/1', resolved: 'https://x.example/c/2' };
const data = ['ООО Ромашка', 'Зайцева Алина Николаевна', 'A000042', 'M001', 'Регион', 't1', 't2', 't3'];

/** Each mail kind in a language, as its reader gets it. */
function mails(language: ReaderLanguage) {
  return {
    'status digest': managerDigest({ to: 'm@x.example', managerName: 'Регион', language, reviewKey: 'yearly-2027', changes, tierNames, openCases: [{ accountId: 'A000042', waveKey: '2027-Q1', state: 'open', overdue: true, dueOn: '2027-02-03' }] }),
    'status summary': leadershipSummary({ to: 'l@x.example', language, reviewKey: 'yearly-2027', summary: { accounts: 500, outcomes: { grant: 3, revoke: 1, 'not-eligible': 400 }, tiers: { profitable: 60 }, failedAccounts: 0 }, tierNames }),
    'gift task digest': managerTaskDigest({ to: 'm@x.example', managerName: 'Регион', language, day: '2027-03-01', tasks, catalogue: programmeA.giftTasks.catalogue }),
    'gift task reminder': overdueTasksMail({ to: 'm@x.example', language, kind: 'reminder', tasks, catalogue: programmeA.giftTasks.catalogue }),
    'gift task escalation': overdueTasksMail({ to: 'o@x.example', language, kind: 'escalation', tasks, catalogue: programmeA.giftTasks.catalogue }),
    'survey invitation': { ...surveyMail({ kind: 'invitation', language, programmeName: 'Программа', answerUrl: 'https://x.example/s/1', unsubscribeUrl: 'https://x.example/s/2', lastDay: '2027-02-01', minutes: 3 }) },
    'survey reminder': { ...surveyMail({ kind: 'reminder', language, programmeName: 'Программа', answerUrl: 'https://x.example/s/1', unsubscribeUrl: 'https://x.example/s/2', lastDay: '2027-02-01', minutes: 3 }) },
    'case opened': caseOpenedMail({ kase, managerName: 'Регион', language, labels: {}, links }),
    'case reminder': caseReminderMail({ kase, managerName: 'Регион', language, links }),
    'case escalation': caseEscalationMail({ kase, managerLabel: 'Регион', language, labels: {} }),
  };
}

describe('one language per reader', () => {
  for (const [kind, mail] of Object.entries(mails('ru')))
    it(`a Russian ${kind} has no English word, no ISO date, no RUB code and no name twice`, () => {
      const all = whole(mail);
      expect(englishIn(all, data)).toEqual([]);
      expect(isoDates(all)).toEqual([]);
      expect(all).not.toMatch(/RUB/);
      expect(all).not.toMatch(/(\S[^()\n]*) \(\1\)/);
    });

  for (const [kind, mail] of Object.entries(mails('en')))
    it(`an English ${kind} writes no Cyrillic word of its own and no ISO date`, () => {
      let all = whole(mail);
      for (const d of [...data, ...Object.values(tierNames), 'Годовщина основания', 'Петров Пётр', 'Программа']) all = all.split(d).join(' ');
      for (const gift of programmeA.giftTasks.catalogue) all = all.split(gift.name.ru).join(' ');
      expect(all).not.toMatch(/[А-Яа-яЁё]/);
      expect(isoDates(all)).toEqual([]);
    });

  it('the check itself catches what the issue saw', () => {
    expect(englishIn('Решения: grant; meets every criterion')).toEqual(['grant', 'meets', 'every', 'criterion']);
    expect('Зайцева Алина Николаевна (Зайцева Алина Николаевна)').toMatch(/(\S[^()\n]*) \(\1\)/);
  });

  it('writes money, dates and names as the reader does (snapshot of the lines a reader sees)', () => {
    expect(moneyIn(500_000, 'ru')).toBe('5\u00a0000,00\u00a0₽');
    expect(moneyIn(500_000, 'en')).toBe('RUB\u00a05,000.00');
    expect(dateIn('2027-02-01', 'ru')).toBe('1 февраля 2027');
    expect(dateIn('2027-02-01', 'en')).toBe('1 February 2027');
    expect(personWithAccount('Зайцева Алина', 'Зайцева Алина')).toBe('Зайцева Алина');
    expect(personWithAccount('Петров Пётр', 'ООО Ромашка')).toBe('Петров Пётр (ООО Ромашка)');
    const ru = mails('ru');
    expect(ru['survey invitation'].text).toContain('Опрос открыт до 1 февраля 2027 включительно.');
    expect(ru['survey invitation'].text).not.toMatch(/\n\n\n/);
    expect(ru['status summary'].text).toContain('Решения: присвоен: 3');
    expect(ru['gift task digest'].text).toContain('Кому: Зайцева Алина Николаевна\n');
    expect(ru['gift task digest'].text).toContain('Кому: ООО Ромашка\nСобытие: годовщина компании: Годовщина основания');
    expect(ru['gift task digest'].text).toContain('Зарезервировано: 5\u00a0000,00\u00a0₽');
    expect(ru['gift task digest'].subject).toBe('Задачи по подаркам на 1 марта 2027: 3');
  });

  it('says which charge criterion carried an "any" decision, and what failed in detail for a loss', () => {
    expect(decisionReasonIn(byAccountOnly, 'ru', tierNames)).toBe('соответствует правилам; уровень Доходный; решило: средние начисления по счёту, январь 2026 – декабрь 2026');
    expect(decisionReasonIn(granted, 'en', tierNames)).toBe(`meets the rules; tier ${tierNames[granted.next.tier as keyof typeof tierNames]}; carried by: average charge per number, January 2026 – December 2026`);
    expect(decisionReasonIn(revoked, 'ru', tierNames, { detail: true })).toBe(
      'не выполнено: платежей с опозданием или не полностью, январь 2026 – декабрь 2026: 2 (нужно не больше 0): не выполнен; задолженность, январь 2026 – декабрь 2026: 6\u00a0000,00\u00a0₽ (нужно не больше 0,00\u00a0₽): не выполнен',
    );
    const tenure = granted.criteria.find((c) => c.id === 'tenure')!;
    expect(criterionTextIn(tenure, 'ru')).toMatch(/^месяцев с компанией с \d+ \S+ \d{4}: [\d,]+ \(нужно больше 6\): выполнен$/);
  });

  it('speaks each language of programme B too (a consumer programme, other criteria)', () => {
    const d = decideStatus({ facts: accountFacts({ perNumberRub: 3000 }), current: noStatus, rules: programmeB.statusReview.rules, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly' });
    for (const language of readerLanguages) {
      const text = [decisionReasonIn(d, language), ...d.criteria.map((c) => criterionTextIn(c, language))].join('\n');
      if (language === 'ru') expect(englishIn(text, programmeB.statusReview.rules.tariffs ?? [])).toEqual([]);
      expect(isoDates(text)).toEqual([]);
    }
  });
});
