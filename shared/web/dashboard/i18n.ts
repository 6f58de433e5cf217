/**
 * Every word the dashboard shows, in Russian and English, and numbers written as each language
 * writes them (Russian: decimal comma, a space between thousands). The charts take the same
 * number format (`chartFormatLocale`), so a page never mixes the two.
 */
import type { StandardProblemCode } from '../../domain/scores/standards.ts';
import { cityIn } from '../../mail/reader-labels.ts';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

const labels = {
  title: { ru: 'Панель руководителя VIP-программы', en: 'VIP programme leadership dashboard' },
  'nav.overview': { ru: 'Обзор', en: 'Overview' },
  'nav.segments': { ru: 'Сегменты', en: 'Segments' },
  'nav.standards': { ru: 'Стандарты', en: 'Standards' },
  'nav.closedLoop': { ru: 'Обратная связь', en: 'Closed loop' },
  'nav.programme': { ru: 'Программа', en: 'Programme' },
  'language.switch': { ru: 'English', en: 'Русский' },
  'local.noSignIn': {
    ru: 'Локальный запуск: вход не требуется, данные видит любой, кто может открыть этот адрес.',
    en: 'Running locally: there is no sign-in; anyone who can open this address sees the data.',
  },
  'auth.signedIn': { ru: 'Вход выполнен (группа leadership)', en: 'Signed in (leadership group)' },
  'auth.signOut': { ru: 'Выйти', en: 'Sign out' },
  'auth.forbidden': { ru: 'Доступ только для группы руководства (leadership).', en: 'Only members of the leadership group may see this dashboard.' },
  loading: { ru: 'Загрузка…', en: 'Loading…' },
  'error.load': { ru: 'Не удалось загрузить данные', en: 'Could not load the data' },
  'noScores': { ru: 'Оценок пока нет: ни одна волна опроса не получила ответов.', en: 'No scores yet: no survey wave has answers.' },
  quarter: { ru: 'Квартал', en: 'Quarter' },
  answers: { ru: 'Ответов', en: 'Answers' },
  invited: { ru: 'Приглашено', en: 'Invited' },
  responseRate: { ru: 'Отклик', en: 'Response rate' },
  target: { ru: 'Цель', en: 'Target' },
  actual: { ru: 'Факт', en: 'Actual' },
  interval: { ru: '95 % интервал', en: '95 % interval' },
  met: { ru: 'Достигнута', en: 'Met' },
  notMet: { ru: 'Не достигнута', en: 'Not met' },
  change: { ru: 'Изменение', en: 'Change' },
  significant: { ru: 'значимо', en: 'significant' },
  notSignificant: { ru: 'в пределах погрешности', en: 'within the noise' },
  'measure.nps': { ru: 'NPS', en: 'NPS' },
  'measure.csi': { ru: 'CSI', en: 'CSI' },
  'measure.ces': { ru: 'CES', en: 'CES' },
  'measure.cesEasy': { ru: 'CES «легко»', en: 'CES "easy"' },
  'measure.response-rate': { ru: 'Отклик', en: 'Response rate' },
  'measure.closed-loop-sla': { ru: 'Связались в срок', en: 'Contacted within SLA' },
  'measure.nps.hint': { ru: 'индекс лояльности, −100…100', en: 'loyalty, −100 to 100' },
  'measure.csi.hint': { ru: 'удовлетворённость, 0…100', en: 'satisfaction, 0 to 100' },
  'measure.ces.hint': { ru: 'лёгкость решения, 1…7', en: 'ease of resolution, 1 to 7' },
  'overview.heading': { ru: 'Оценки по кварталам', en: 'Scores by quarter' },
  'overview.latest': { ru: 'Последний квартал', en: 'Latest quarter' },
  'overview.table': { ru: 'Все кварталы', en: 'All quarters' },
  'segments.heading': { ru: 'Оценки по сегментам', en: 'Scores by segment' },
  'segments.segment': { ru: 'Сегмент', en: 'Segment' },
  'segments.legend.small': { ru: 'Серым: малая выборка (меньше {n} ответов), оценка неточна.', en: 'Grey: small sample (fewer than {n} answers), the figure is imprecise.' },
  'segments.legend.hidden': { ru: 'Скрыто: меньше {n} ответов; значения не показываются, чтобы не раскрыть, кто ответил.', en: 'Hidden: fewer than {n} answers; values are not shown, to protect who answered.' },
  'segments.chart': { ru: 'Все клиенты и уровни', en: 'All clients and tiers' },
  'segments.small': { ru: 'малая выборка', en: 'small sample' },
  'segments.hidden.floor': { ru: 'скрыт: меньше {n} ответов', en: 'hidden: fewer than {n} answers' },
  'segments.hidden.complement': { ru: 'скрыт: иначе можно вычислить скрытый сегмент', en: 'hidden: would reveal a hidden segment' },
  'dimension.all': { ru: 'Все клиенты', en: 'All clients' },
  'dimension.tier': { ru: 'Уровень', en: 'Tier' },
  'dimension.city': { ru: 'Город', en: 'City' },
  'dimension.manager': { ru: 'Менеджер', en: 'Manager' },
  'dimension.customer-type': { ru: 'Тип клиента', en: 'Customer type' },
  'customerType.business': { ru: 'Юридическое лицо', en: 'Business' },
  'customerType.private': { ru: 'Частное лицо', en: 'Private person' },
  'standards.heading': { ru: 'Цели против факта', en: 'Targets against actuals' },
  'standards.measure': { ru: 'Показатель', en: 'Measure' },
  'standards.tier': { ru: 'Уровень', en: 'Tier' },
  'standards.allTiers': { ru: 'все', en: 'all' },
  'standards.history': { ru: 'История изменений', en: 'Adjustment history' },
  'standards.form': { ru: 'Записать изменение цели', en: 'Record an adjustment' },
  'standards.fromQuarter': { ru: 'С квартала', en: 'From quarter' },
  'standards.reason': { ru: 'Причина', en: 'Reason' },
  'standards.by': { ru: 'Кто (e-mail)', en: 'By (e-mail)' },
  'standards.setAt': { ru: 'Когда', en: 'When' },
  'standards.submit': { ru: 'Записать', en: 'Record' },
  'standards.saved': { ru: 'Изменение записано.', en: 'The adjustment is recorded.' },
  'standards.fromStart': { ru: 'с начала', en: 'from the start' },
  'standards.config': { ru: 'конфигурация программы', en: 'programme config' },
  'standards.configReason': { ru: 'первые цели из конфигурации программы', en: 'first targets from the programme configuration' },
  'standards.invalid': { ru: 'Изменение не записано: исправьте отмеченные поля.', en: 'Not recorded: correct the fields marked.' },
  'standards.failed': { ru: 'Изменение не записано: ошибка сервера ({status}).', en: 'Not recorded: the server failed ({status}).' },
  'closedLoop.heading': { ru: 'Обратная связь с недовольными клиентами', en: 'Closed loop with unhappy clients' },
  'closedLoop.note': { ru: 'Только количество случаев; клиенты не называются.', en: 'Cases are counted, never named.' },
  'closedLoop.opened': { ru: 'Открыто случаев', en: 'Cases opened' },
  'closedLoop.open': { ru: 'Ещё не закрыты', en: 'Still open' },
  'closedLoop.overdue': { ru: 'Просрочены', en: 'Overdue' },
  'closedLoop.withinSla': { ru: 'Связались в срок', en: 'Contacted within SLA' },
  'programme.heading': { ru: 'VIP-программа', en: 'The VIP programme' },
  'programme.byTier': { ru: 'VIP-клиенты по уровням', en: 'VIP accounts by tier' },
  'programme.accounts': { ru: 'Клиентов', en: 'Accounts' },
  'programme.spending': { ru: 'Расходы на подарки и бюджет по месяцам, ₽', en: 'Gift spending against budget by month, RUB' },
  'programme.month': { ru: 'Месяц', en: 'Month' },
  'programme.allocated': { ru: 'Бюджет', en: 'Budget' },
  'programme.spent': { ru: 'Потрачено', en: 'Spent' },
  'programme.reserved': { ru: 'Зарезервировано', en: 'Reserved' },
  'programme.noReview': { ru: 'Пересмотр статусов ещё не проводился.', en: 'No status review has run yet.' },
  'field.measure': { ru: 'показатель', en: 'measure' },
  'field.target': { ru: 'цель', en: 'target' },
  'field.fromQuarter': { ru: 'квартал', en: 'from quarter' },
  'field.reason': { ru: 'причина', en: 'reason' },
  'field.by': { ru: 'кто', en: 'by' },
  'field.tier': { ru: 'уровень', en: 'tier' },
} as const satisfies Record<string, Record<Language, string>>;

export type LabelKey = keyof typeof labels;

/**
 * Why the server refused an adjustment, by the code it answers with (the English message beside
 * the code is for the command line). Every code has its wording here: the compiler checks it.
 */
const problemLabels = {
  'measure.unknown': { ru: 'неизвестный показатель', en: 'unknown measure' },
  'tier.unknown': { ru: 'неизвестный уровень', en: 'unknown tier' },
  'target.number': { ru: 'нужно число', en: 'a number is required' },
  'target.range': { ru: 'вне допустимого диапазона: от {min} до {max}', en: 'out of range: expected {min} to {max}' },
  'fromQuarter.unknown': { ru: 'такого квартала нет: нужен вид 2027-Q1 (год, «-Q», номер от 1 до 4)', en: 'no such quarter: expected e.g. 2027-Q1 (year, "-Q", 1 to 4)' },
  'fromQuarter.passed': { ru: '{quarter} уже прошёл: цель может действовать с {current} или позже', en: '{quarter} has passed: a target applies from {current} or later' },
  'reason.missing': { ru: 'укажите причину (не короче 3 символов)', en: 'a reason of at least 3 characters is required' },
  'reason.tooLong': { ru: 'причина длиннее 500 символов', en: 'the reason is longer than 500 characters' },
  'by.email': { ru: 'нужен адрес e-mail того, кто меняет цель', en: 'the e-mail address of who sets it' },
} as const satisfies Record<StandardProblemCode, Record<Language, string>>;

/** Tier names as the source document gives them (programme A's tiers); other ids fall back to the config's name. */
const tierNames: Readonly<Record<string, Record<Language, string>>> = {
  profitable: { ru: 'Доходные', en: 'Profitable' },
  'highly-profitable': { ru: 'Высокодоходные', en: 'Highly profitable' },
  'very-highly-profitable': { ru: 'Очень высокодоходные', en: 'Very highly profitable' },
};

export interface Localiser {
  readonly language: Language;
  t(key: LabelKey, values?: Readonly<Record<string, string | number>>): string;
  has(key: string): key is LabelKey;
  /** A number with at most `digits` decimals, as the language writes it. */
  number(value: number, digits?: number): string;
  /** A signed change: "+3,2" / "−1.5". */
  signed(value: number, digits?: number): string;
  /** Roubles without kopecks. */
  rub(value: number): string;
  percent(value: number, digits?: number): string;
  /** "2027-Q1" -> "I кв. 2027" / "Q1 2027". */
  quarter(key: string): string;
  /** "2027-03" -> "мар 2027" / "Mar 2027". */
  month(key: string): string;
  tier(id: string, fallback?: string): string;
  segmentValue(dimension: string, value: string, label?: string): string;
  dateTime(iso: string): string;
  /** A refused field in this language: numbers and quarters in `params` written the language's way. */
  problem(code: StandardProblemCode, params?: Readonly<Record<string, string | number>>): string;
}

const roman = ['I', 'II', 'III', 'IV'];

export function localiser(language: Language): Localiser {
  const locale = language === 'ru' ? 'ru-RU' : 'en-GB';
  const formats = new Map<number, Intl.NumberFormat>();
  const format = (digits: number) => {
    let f = formats.get(digits);
    if (!f) formats.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
    return f;
  };
  const number = (value: number, digits = 1) => format(digits).format(value).replace('-', '−');
  const self: Localiser = {
    language,
    t: (key, values) => {
      let text: string = labels[key][language];
      for (const [name, value] of Object.entries(values ?? {})) text = text.replaceAll(`{${name}}`, String(value));
      return text;
    },
    has: (key): key is LabelKey => key in labels,
    number,
    signed: (value, digits = 1) => (value > 0 ? `+${number(value, digits)}` : number(value, digits)),
    rub: (value) => `${number(Math.round(value), 0)} ${language === 'ru' ? '₽' : 'RUB'}`,
    percent: (value, digits = 1) => `${number(value, digits)} %`,
    quarter: (key) => {
      const [year, q] = key.split('-Q');
      return language === 'ru' ? `${roman[Number(q) - 1]} кв. ${year}` : `Q${q} ${year}`;
    },
    month: (key) => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`)),
    tier: (id, fallback) => tierNames[id]?.[language] ?? fallback ?? id,
    segmentValue: (dimension, value, label) => {
      if (dimension === 'all') return self.t('dimension.all');
      if (dimension === 'tier') return self.tier(value, label);
      if (dimension === 'customer-type') {
        const key = `customerType.${value}`;
        return self.has(key) ? self.t(key) : value;
      }
      if (dimension === 'city') return cityIn(value, language);
      return label ?? value;
    },
    dateTime: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC',
    problem: (code, params) => {
      let text: string = problemLabels[code][language];
      for (const [name, value] of Object.entries(params ?? {}))
        text = text.replaceAll(`{${name}}`, typeof value === 'number' ? number(value) : /^\d{4}-Q[1-4]$/.test(value) ? self.quarter(value) : value);
      return text;
    },
  };
  return self;
}

/** d3-format locale for Vega (vega-embed's `formatLocale`), matching `Localiser.number`. */
export function chartFormatLocale(language: Language) {
  return language === 'ru'
    ? { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0₽'], minus: '−' }
    : { decimal: '.', thousands: ',', grouping: [3], currency: ['', ' RUB'], minus: '−' };
}
