import type { StatusDecision } from '../domain/status-decision.ts';
import type { ReviewSummary } from '../ports/review-store.ts';
import type { MailMessage } from '../ports/mailer.ts';
import { escapeHtml, htmlTable } from './html.ts';
import { accountLabelIn, dateIn, type ReaderLanguage } from './reader-labels.ts';
import { decisionReasonIn, outcomeIn, reviewNameIn, type TierNames } from './status-labels.ts';

type Language = ReaderLanguage;
export type { TierNames };

const words = {
  en: {
    digestSubject: (key: string, n: number) => `VIP status review (${key}): ${n} change(s) for your clients`,
    greeting: (name: string) => `Dear ${name},`,
    intro: (key: string) => `the VIP status review (${key}) changed the status of these clients of yours:`,
    columns: ['Account', 'Change', 'Tier before', 'Tier after', 'Valid until', 'Why'],
    none: '—',
    summarySubject: (key: string) => `VIP status review (${key}): summary`,
    summaryIntro: (key: string, accounts: number) => `The VIP status review (${key}) evaluated ${accounts} accounts.`,
    summaryColumns: ['', 'This review', 'Previous yearly review'],
    tierRow: (tier: string) => `VIP accounts, tier ${tier}`,
    outcomeRow: (o: string) => `Decisions: ${o}`,
    failed: 'Accounts that could not be evaluated',
    casesIntro: 'Survey feedback cases of your clients that are not resolved yet:',
    caseColumns: ['Account', 'Survey', 'State', 'First contact due'],
    caseState: { open: 'not contacted', contacted: 'contacted', overdue: 'not contacted, OVERDUE' },
  },
  ru: {
    digestSubject: (key: string, n: number) => `Пересмотр VIP-статуса (${key}): изменений по вашим клиентам — ${n}`,
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: (key: string) => `по итогам пересмотра VIP-статуса (${key}) изменился статус ваших клиентов:`,
    columns: ['Счёт', 'Изменение', 'Уровень до', 'Уровень после', 'Действует до', 'Причина'],
    none: '—',
    summarySubject: (key: string) => `Пересмотр VIP-статуса (${key}): итоги`,
    summaryIntro: (key: string, accounts: number) => `В ходе пересмотра VIP-статуса (${key}) оценено счетов: ${accounts}.`,
    summaryColumns: ['', 'Этот пересмотр', 'Предыдущий годовой'],
    tierRow: (tier: string) => `VIP-счета, уровень ${tier}`,
    outcomeRow: (o: string) => `Решения: ${o}`,
    failed: 'Счета, которые не удалось оценить',
    casesIntro: 'Нерешённые обращения по итогам опросов ваших клиентов:',
    caseColumns: ['Счёт', 'Опрос', 'Состояние', 'Первый контакт до'],
    caseState: { open: 'нет контакта', contacted: 'контакт был', overdue: 'нет контакта, СРОК ИСТЁК' },
  },
} as const;

/** A closed-loop case not yet resolved, as the yearly digest lists it (no client identity). */
export interface DigestCase {
  readonly accountId: string;
  readonly accountName?: string;
  readonly waveKey: string;
  readonly state: 'open' | 'contacted';
  readonly overdue: boolean;
  readonly dueOn: string;
}

function casesSection(cases: readonly DigestCase[], language: Language): { text: string[]; html: string } {
  if (cases.length === 0) return { text: [], html: '' };
  const w = words[language];
  const rows = cases.map((c) => [accountLabelIn(c.accountId, c.accountName), c.waveKey, w.caseState[c.overdue ? 'overdue' : c.state], dateIn(c.dueOn, language)]);
  return {
    text: ['', w.casesIntro, ...rows.map((r) => r.map((v, i) => `${w.caseColumns[i]}: ${v}`).join(', '))],
    html: `<p>${escapeHtml(w.casesIntro)}</p>${htmlTable(w.caseColumns, rows)}`,
  };
}

export function managerDigest(input: { to: string; managerName: string; language: Language; reviewKey: string; changes: readonly StatusDecision[]; tierNames?: TierNames; openCases?: readonly DigestCase[] }): MailMessage {
  const w = words[input.language];
  const tierName = (id: string | undefined) => (id === undefined ? w.none : (input.tierNames?.[id] ?? id));
  const rows = input.changes.map((d) => [
    accountLabelIn(d.accountId, d.accountName),
    outcomeIn(d.outcome, input.language),
    d.previous.vip ? tierName(d.previous.tier) : w.none,
    d.next.vip ? tierName(d.next.tier) : w.none,
    d.next.validUntil ? dateIn(d.next.validUntil, input.language) : w.none,
    // What failed explains a loss in detail; for a grant or renewal the reason says enough.
    decisionReasonIn(d, input.language, input.tierNames, { detail: !d.next.vip || d.outcome === 'grace' }),
  ]);
  const cases = casesSection(input.openCases ?? [], input.language);
  const text = [w.greeting(input.managerName), '', w.intro(reviewNameIn(input.reviewKey, input.language)), '', ...rows.map((r) => r.map((v, i) => `${w.columns[i]}: ${v}`).join('\n') + '\n'), ...cases.text].join('\n');
  const html = `<p>${escapeHtml(w.greeting(input.managerName))}</p><p>${escapeHtml(w.intro(reviewNameIn(input.reviewKey, input.language)))}</p>${htmlTable(w.columns, rows)}${cases.html}`;
  return { to: input.to, subject: w.digestSubject(reviewNameIn(input.reviewKey, input.language), input.changes.length), text, html };
}

export function leadershipSummary(input: { to: string; language: Language; reviewKey: string; summary: ReviewSummary; previous?: ReviewSummary; tierNames?: TierNames }): MailMessage {
  const w = words[input.language];
  const { summary, previous } = input;
  const tiers = [...new Set([...Object.keys(summary.tiers), ...Object.keys(previous?.tiers ?? {})])].sort();
  const outcomes = [...new Set([...Object.keys(summary.outcomes), ...Object.keys(previous?.outcomes ?? {})])].sort();
  const show = (n: number | undefined) => (n === undefined ? w.none : String(n));
  const rows = [
    ...tiers.map((t) => [w.tierRow(input.tierNames?.[t] ?? t), show(summary.tiers[t] ?? 0), show(previous && (previous.tiers[t] ?? 0))]),
    ...outcomes.map((o) => [w.outcomeRow(outcomeIn(o, input.language)), show(summary.outcomes[o] ?? 0), show(previous && (previous.outcomes[o] ?? 0))]),
    [w.failed, show(summary.failedAccounts), show(previous?.failedAccounts)],
  ];
  const intro = w.summaryIntro(reviewNameIn(input.reviewKey, input.language), summary.accounts);
  const text = [intro, '', ...rows.map((r) => `${r[0]}: ${r[1]} (${w.summaryColumns[2]}: ${r[2]})`)].join('\n');
  return { to: input.to, subject: w.summarySubject(reviewNameIn(input.reviewKey, input.language)), text, html: `<p>${escapeHtml(intro)}</p>${htmlTable(w.summaryColumns, rows)}` };
}
