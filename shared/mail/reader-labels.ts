import type { IsoDate } from '../domain/calendar-date.ts';
import { formatRubIn, type Kopecks } from '../domain/money.ts';

/**
 * One language per reader: every text a manager, a budget owner, a leader or a client reads takes
 * its words, amounts and dates from here, so a Russian mail never shows an English code, a
 * `5,000.00 RUB` or a `2027-02-01`. Workflow-specific words stay beside their mail; what several
 * mails share (money, dates, who a line is for, yes/no words) lives here.
 */
export type ReaderLanguage = 'ru' | 'en';

export const readerLanguages: readonly ReaderLanguage[] = ['ru', 'en'];

/** "5 000,00 ₽" in Russian, "RUB 5,000.00" in English. */
export function moneyIn(kopecks: Kopecks, language: ReaderLanguage): string {
  return formatRubIn(kopecks, language);
}

const dateFormats: Record<ReaderLanguage, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A calendar day as the language writes it: "1 февраля 2027", "1 February 2027". */
export function dateIn(date: IsoDate, language: ReaderLanguage): string {
  // ICU writes "1 февраля 2027 г."; a date in running text reads better without the year mark.
  return dateFormats[language].format(new Date(`${date}T00:00:00Z`)).replace(/\s*г\.$/, '');
}

const monthFormats: Record<ReaderLanguage, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A month as the language writes it: "март 2027", "March 2027". */
export function monthIn(month: string, language: ReaderLanguage): string {
  return monthFormats[language].format(new Date(`${month}-01T00:00:00Z`)).replace(/\s*г\.$/, '');
}

/** A billing window "2026-01..2026-12" as "январь 2026 – декабрь 2026". */
export function periodIn(period: string, language: ReaderLanguage): string {
  const [first, last] = period.split('..');
  if (!first || !last) return period;
  return `${monthIn(first, language)} – ${monthIn(last, language)}`;
}

/**
 * Who a line is about, named once: "Зайцева Алина (ООО Ромашка)", but just "Зайцева Алина" when
 * the person is the account (a private client), and the account alone when there is no person.
 */
export function personWithAccount(person: string | undefined, account: string | undefined): string {
  const p = person?.trim();
  const a = account?.trim();
  if (!p) return a ?? '';
  if (!a || a === p) return p;
  return `${p} (${a})`;
}

/** An account as a reader sees it: its name with the id, or the id alone. */
export function accountLabelIn(accountId: string, accountName: string | undefined): string {
  return accountName && accountName.trim() && accountName.trim() !== accountId ? `${accountName.trim()} (${accountId})` : accountId;
}

export const commonWords = {
  en: { none: '—', yes: 'yes', no: 'no', pass: 'met', fail: 'not met' },
  ru: { none: '—', yes: 'да', no: 'нет', pass: 'выполнен', fail: 'не выполнен' },
} as const satisfies Record<ReaderLanguage, Record<string, string>>;

/**
 * The programme's cities in each language. The segment key keeps the city as imported (the
 * counters are keyed by it); only what a reader sees is translated. A city imported in either
 * spelling reads right in both languages; one not listed is shown as imported.
 */
const cityNames: readonly Readonly<Record<ReaderLanguage, string>>[] = [
  { ru: 'Иркутск', en: 'Irkutsk' },
  { ru: 'Ангарск', en: 'Angarsk' },
  { ru: 'Братск', en: 'Bratsk' },
];

/** "Irkutsk" as the language writes it: "Иркутск" in Russian, "Irkutsk" in English. */
export function cityIn(city: string, language: ReaderLanguage): string {
  const wanted = city.trim().toLocaleLowerCase('ru');
  const known = cityNames.find((names) => names.ru.toLocaleLowerCase('ru') === wanted || names.en.toLocaleLowerCase('en') === wanted);
  return known?.[language] ?? city;
}
