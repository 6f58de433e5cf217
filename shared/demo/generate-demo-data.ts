/**
 * Deterministic demo data for programme A (the Irkutsk-region operator): managers, accounts,
 * numbers, 24 months of charges and payments, contacts with birthdays, company founding dates and
 * the gift budget, shaped so that the source documents' numbers come out:
 * tiers large / small / handful, events by quarter 19/24/26/31 %, congratulated 37/33/30 %.
 *
 * Pure: the same options give the same rows; `today` is a parameter, never the clock.
 * Charges and payments are the bulk (24 months x numbers), so they are lazy, re-iterable views
 * regenerated per account from a per-account seed instead of arrays held in memory.
 */
import { addDays, addMonths, daysBetween, daysInMonth, isRealDate, monthOf, monthsEndingWith } from '../domain/calendar-date.ts';
import type { Kopecks } from '../domain/money.ts';
import { createRng, deriveSeed, type Rng } from './random.ts';

export interface DemoDataOptions {
  readonly accounts: number;
  readonly seed: number;
  /** YYYY-MM-DD; the charges end with the month before it. */
  readonly today: string;
}

export type CustomerType = 'business' | 'private';
export type DemoLanguage = 'ru' | 'en';
export type DemoCity = 'Irkutsk' | 'Angarsk' | 'Bratsk';
export type Tariff = 'business-pro' | 'business-max' | 'premium' | 'standard';
export type ContactRole = 'client' | 'director' | 'contact';

export interface ManagerRow {
  readonly managerId: string;
  readonly fullName: string;
  readonly email: string;
  readonly language: DemoLanguage;
  readonly region: DemoCity;
}
export interface AccountRow {
  readonly accountId: string;
  readonly customerType: CustomerType;
  readonly name: string;
  readonly city: DemoCity;
  readonly managerId: string;
  readonly openedOn: string;
  readonly tariff: Tariff;
}
export interface NumberRow {
  readonly number: string;
  readonly accountId: string;
  readonly registeredOn: string;
}
export interface ChargeRow {
  readonly accountId: string;
  readonly month: string;
  /** null: a whole-account charge, not tied to one number. */
  readonly number: string | null;
  readonly amountKopecks: Kopecks;
}
export interface PaymentRow {
  readonly accountId: string;
  readonly month: string;
  readonly dueKopecks: Kopecks;
  readonly paidKopecks: Kopecks;
  /** null: nothing paid yet. */
  readonly paidOn: string | null;
}
export interface ContactRow {
  readonly contactId: string;
  readonly accountId: string;
  readonly role: ContactRole;
  readonly fullName: string;
  readonly email: string;
  /** null: the manager has not learnt it yet. */
  readonly birthDate: string | null;
  readonly language: DemoLanguage;
  readonly consentEmail: boolean;
}
export interface CompanyDateRow {
  readonly accountId: string;
  readonly kind: 'founded';
  readonly date: string;
  readonly description: string;
}
export interface BudgetRow {
  readonly month: string;
  readonly costItem: string;
  readonly amountKopecks: Kopecks;
  readonly ownerEmail: string;
}

export interface DemoDataSet {
  readonly options: DemoDataOptions;
  readonly managers: readonly ManagerRow[];
  readonly accounts: readonly AccountRow[];
  readonly numbers: readonly NumberRow[];
  /** Re-iterable; regenerated on every iteration, identical each time. */
  readonly charges: Iterable<ChargeRow>;
  /** Re-iterable; regenerated on every iteration, identical each time. */
  readonly payments: Iterable<PaymentRow>;
  readonly contacts: readonly ContactRow[];
  readonly companyDates: readonly CompanyDateRow[];
  readonly budgets: readonly BudgetRow[];
}

export const demoKinds = ['managers', 'accounts', 'numbers', 'charges', 'payments', 'contacts', 'company-dates', 'budgets'] as const;
export type DemoKind = (typeof demoKinds)[number];

/** The document's shares, which the generator aims at and the summary is checked against. */
export const demoTargets = {
  eventQuarterShares: [0.19, 0.24, 0.26, 0.31],
  congratulatedShares: { directors: 0.37, contactPersons: 0.33, organisations: 0.3 },
} as const;

export const CHARGE_MONTHS = 24;
export const BUDGET_COST_ITEM = 'vip-gifts';
export const BUDGET_OWNER_EMAIL = 'budget.owner@vip-operator.example';
/** Sized so the gift budget is plausible per VIP account; demo only. */
export const BUDGET_RUB_PER_ACCOUNT_PER_YEAR = 6000;

// ---------------------------------------------------------------------------------------------
// Tuning. The shares below were chosen so that programme A, applied to the generated charges,
// admits roughly 40 % of accounts, with tiers large > small > handful.

const CITIES: readonly DemoCity[] = ['Irkutsk', 'Angarsk', 'Bratsk'];
const CITY_WEIGHTS = [60, 25, 15];
const CITY_RU: Record<DemoCity, string> = { Irkutsk: 'Иркутск', Angarsk: 'Ангарск', Bratsk: 'Братск' };
const BUSINESS_SHARE = 0.6;
const NEW_ACCOUNT_SHARE = 0.05;
const LATE_PAYER_SHARE = 0.08;
const TREND_DOWN_SHARE = 0.12;
const MONTHLY_NOISE = 0.15;
const MISSING_BIRTH_DATE_SHARE = 0.02;
const NO_CONSENT_SHARE = 0.05;
const ACCOUNT_FEE_SHARE = 0.3;

/** Month weights: each quarter's share split evenly over its three months. */
const EVENT_MONTH_WEIGHTS = demoTargets.eventQuarterShares.flatMap((share) => [share, share, share]);

/**
 * Every business has one director; contact persons and founding dates are rarer so that the
 * congratulated come out directors : contacts : organisations = 37 : 33 : 30. Directors and
 * contacts lose the same share to unknown birth dates, organisations do not, hence the factor.
 */
const CONTACT_PERSON_COUNT_WEIGHTS = [0.2, 0.708, 0.092]; // mean 0.892 = 33 / 37
const FOUNDED_DATE_SHARE =
  (demoTargets.congratulatedShares.organisations / demoTargets.congratulatedShares.directors) * (1 - MISSING_BIRTH_DATE_SHARE);

type SpendClass = 'below' | 'profitable' | 'highly' | 'very' | 'bulk';
const SPEND_CLASSES: readonly SpendClass[] = ['below', 'profitable', 'highly', 'very', 'bulk'];
const SPEND_CLASS_WEIGHTS: Record<CustomerType, readonly number[]> = {
  private: [0.562, 0.33, 0.1, 0.008, 0],
  business: [0.478, 0.33, 0.16, 0.012, 0.02],
};

/**
 * Per-number monthly level in roubles: [min, max, skew] where skew > 1 crowds the accounts
 * towards the lower end, as real spend does. Flat accounts keep 5 % off the tier edges so the
 * ±15 % noise cannot push their yearly average across; declining ones start just above the lower
 * edge so that the 30 % average decline of their second year takes them below it.
 */
const LEVELS: Record<Exclude<SpendClass, 'bulk'>, { flat: readonly [number, number, number]; declining: readonly [number, number, number] }> = {
  below: { flat: [150, 1950, 1.4], declining: [300, 1950, 1] },
  profitable: { flat: [2205, 4750, 1.4], declining: [2150, 2600, 1] },
  highly: { flat: [5250, 19000, 2], declining: [5100, 6200, 1] },
  very: { flat: [21000, 60000, 2], declining: [20400, 25000, 1] },
};
/**
 * Bulk accounts qualify only by the per-account criterion: at least 35 numbers x 1,800 RUB
 * = 63,000 > 60,000, while no number (level x 1.03 / 0.97) reaches 2,100.
 */
const BULK = { minNumbers: 35, maxNumbers: 40, minLevel: 1800, maxLevel: 1950, spread: 0.03 };
/** Keeps cheap large accounts from qualifying by the per-account criterion by accident. */
const BELOW_ACCOUNT_CAP_RUB = 55000;

// ---------------------------------------------------------------------------------------------
// Names. Demo people and companies are invented; e-mail domains use the reserved .example TLD.

const MALE_FIRST = ['Александр', 'Алексей', 'Андрей', 'Сергей', 'Дмитрий', 'Иван', 'Михаил', 'Николай', 'Владимир', 'Евгений', 'Игорь', 'Олег', 'Павел', 'Виктор', 'Юрий', 'Константин', 'Артём', 'Максим', 'Роман', 'Денис'];
const FEMALE_FIRST = ['Анна', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Мария', 'Екатерина', 'Юлия', 'Марина', 'Людмила', 'Галина', 'Валентина', 'Ксения', 'Дарья', 'Алина', 'Вера', 'Надежда', 'Полина'];
const PATRONYMIC_STEMS = ['Александров', 'Алексеев', 'Андреев', 'Сергеев', 'Дмитриев', 'Иванов', 'Михайлов', 'Николаев', 'Владимиров', 'Евгеньев', 'Игорев', 'Олегов', 'Павлов', 'Викторов', 'Юрьев', 'Константинов', 'Петров', 'Романов'];
const SURNAMES = ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Соловьёв', 'Васильев', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв', 'Фёдоров', 'Михайлов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Орлов', 'Киселёв', 'Макаров', 'Андреев', 'Ковалёв', 'Ильин', 'Гусев', 'Титов', 'Кузьмин', 'Баранов', 'Куликов', 'Степанов', 'Яковлев', 'Сорокин', 'Захаров', 'Борисов', 'Королёв', 'Григорьев', 'Медведев', 'Никитин', 'Соболев', 'Поляков', 'Цветков', 'Данилов', 'Жуков', 'Фролов', 'Крылов', 'Осипов', 'Егоров', 'Калинин', 'Антонов', 'Тимофеев', 'Миронов', 'Вишневский', 'Покровский', 'Островский', 'Черных', 'Шевченко'];
const LATIN_FIRST = ['John', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'James', 'Claire', 'Peter', 'Hannah', 'Thomas', 'Sophie'];
const LATIN_LAST = ['Smith', 'Miller', 'Brown', 'Wilson', 'Taylor', 'Clark', 'Walker', 'Young', "O'Brien", 'Schmidt', 'Müller', 'Dubois'];
const COMPANY_WORDS = ['Байкал', 'Ангара', 'Сибирь', 'Иркут', 'Саяны', 'Лена', 'Тайга', 'Кедр', 'Восток', 'Север', 'Олхон', 'Хамар-Дабан', 'Листвянка', 'Шелехов', 'Усолье', 'Витим'];
const COMPANY_SUFFIXES = ['Транс', 'Строй', 'Лес', 'Энерго', 'Сервис', 'Логистик', 'Агро', 'Мед', 'Торг', 'Инвест', 'Телеком', 'Нефть', 'Металл', 'Проект', 'Фарм', 'Авто'];
const COMPANY_FORMS = ['ООО', 'АО', 'ПАО', 'ИП'];
const COMPANY_FORM_WEIGHTS = [70, 15, 3, 12];
const PRIVATE_MAIL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'];

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += TRANSLIT[ch] ?? ch;
  return out;
}

/** An e-mail local part or domain label: ASCII letters, digits and hyphens only. */
function emailLabel(text: string): string {
  return transliterate(text)
    .normalize('NFKD')
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/^-+|-+$/g, '');
}

interface Person {
  readonly fullName: string;
  /** Used for the e-mail address: first name and surname, in Latin letters. */
  readonly first: string;
  readonly last: string;
}

function feminineSurname(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return surname; // -их, -ко and the like do not change
}

function russianPerson(rng: Rng): Person {
  const female = rng.chance(0.5);
  const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
  const surname = rng.pick(SURNAMES);
  const last = female ? feminineSurname(surname) : surname;
  const patronymic = `${rng.pick(PATRONYMIC_STEMS)}${female ? 'на' : 'ич'}`;
  return { fullName: `${last} ${first} ${patronymic}`, first, last };
}

function latinPerson(rng: Rng): Person {
  const first = rng.pick(LATIN_FIRST);
  const last = rng.pick(LATIN_LAST);
  return { fullName: `${first} ${last}`, first, last };
}

/** Russian-speaking managers who correspond in English still have Russian names, spelt in Latin. */
function transliteratedPerson(rng: Rng): Person {
  const person = russianPerson(rng);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const first = cap(transliterate(person.first));
  const last = cap(transliterate(person.last));
  return { fullName: `${first} ${last}`, first, last };
}

/** Hands out unique addresses: the second "a.ivanov@x" becomes "a.ivanov2@x". */
class EmailBook {
  private readonly used = new Map<string, number>();
  take(local: string, domain: string): string {
    const base = `${local}@${domain}`;
    const seen = this.used.get(base) ?? 0;
    this.used.set(base, seen + 1);
    return seen === 0 ? base : `${local}${seen + 1}@${domain}`;
  }
}

interface Company {
  readonly name: string;
  readonly domain: string;
  /** A sole trader (ИП) heads the business himself. */
  readonly owner?: Person;
}

function company(rng: Rng): Company {
  const form = COMPANY_FORMS[rng.weightedIndex(COMPANY_FORM_WEIGHTS)] ?? 'ООО';
  if (form === 'ИП') {
    const owner = russianPerson(rng);
    const [last = '', first = '', patronymic = ''] = owner.fullName.split(' ');
    return { name: `ИП ${last} ${first.charAt(0)}. ${patronymic.charAt(0)}.`, domain: rng.pick(PRIVATE_MAIL_DOMAINS), owner };
  }
  const word = rng.pick(COMPANY_WORDS);
  const suffix = rng.pick(COMPANY_SUFFIXES);
  const core = rng.chance(0.7) ? `${word}-${suffix}` : `${word}${suffix.toLowerCase()}`;
  // Some billing exports write ASCII quotes instead of «»; the importer must cope with both.
  const quoted = rng.chance(0.06) ? `"${core}"` : `«${core}»`;
  return { name: `${form} ${quoted}`, domain: `${emailLabel(core)}.example` };
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad2 = (n: number) => String(n).padStart(2, '0');
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function dateOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Months from `from` to `to` (YYYY-MM), negative when `to` is earlier. */
function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/**
 * A date in the given year with the month weighted by the event quarters. Some February dates
 * are moved to the 29th of a nearby leap year, so the importer and the birthday planner meet
 * 29 February people without waiting for one in four Februaries to come up by chance.
 */
function eventDate(rng: Rng, year: number, leapYearFloor: number): string {
  const month = rng.weightedIndex(EVENT_MONTH_WEIGHTS) + 1;
  if (month === 2 && rng.chance(0.1)) {
    let leap = year;
    while (!isLeapYear(leap)) leap--;
    if (leap >= leapYearFloor) return dateOf(leap, 2, 29);
  }
  return dateOf(year, month, rng.int(1, daysInMonth(year, month)));
}

// ---------------------------------------------------------------------------------------------
// Plans: the per-account facts that charges and payments are regenerated from.

interface NumberPlan {
  readonly number: string;
  /** Index into the charge months of the first month charged; CHARGE_MONTHS when none is. */
  readonly firstMonth: number;
  readonly levelRub: number;
}

interface AccountPlan {
  readonly index: number;
  readonly accountId: string;
  readonly firstMonth: number;
  readonly numbers: readonly NumberPlan[];
  /** 0: no whole-account charge. */
  readonly accountFeeRub: number;
  readonly declining: boolean;
  readonly latePayer: boolean;
}

const STREAM = { managers: 1, accounts: 2, charges: 3, payments: 4, numbers: 5 } as const;

/** Operator codes of the region's mobile numbers; all start with 9, so numbers start with 79. */
const DEF_CODES = ['902', '904', '908', '914', '924', '950', '952', '964', '983', '999'];
const SUBSCRIBER_SPACE = 10_000_000;
/** Coprime to 10 x 10^7, so the sequence below visits every number at most once. */
const NUMBER_STRIDE = 43_046_721; // 3^16

function numberAt(sequence: number, offset: number): string {
  const space = DEF_CODES.length * SUBSCRIBER_SPACE;
  if (sequence >= space) throw new RangeError(`more than ${space} demo numbers`);
  // Multiplication stays below 2^53 for any sequence within the space.
  const slot = (sequence * NUMBER_STRIDE + offset) % space;
  return `7${DEF_CODES[Math.floor(slot / SUBSCRIBER_SPACE)]}${String(slot % SUBSCRIBER_SPACE).padStart(7, '0')}`;
}

function skewed(rng: Rng, [min, max, skew]: readonly [number, number, number]): number {
  return min + (max - min) * rng.next() ** skew;
}

/** Per-number weights with mean exactly 1, so the account's per-number average is its level. */
function spreadWeights(rng: Rng, count: number, spread: number): number[] {
  const raw = Array.from({ length: count }, () => rng.between(1 - spread, 1 + spread));
  const mean = raw.reduce((a, b) => a + b, 0) / count;
  return raw.map((w) => w / mean);
}

function numberCount(rng: Rng, type: CustomerType, spendClass: SpendClass): number {
  if (spendClass === 'bulk') return rng.int(BULK.minNumbers, BULK.maxNumbers);
  if (type === 'private') return [1, 2, 3][rng.weightedIndex([55, 30, 15])] ?? 1;
  if (rng.chance(0.03)) return rng.int(11, 40);
  return Math.min(10, 1 + Math.floor(10 * rng.next() ** 1.8));
}

function tariffFor(rng: Rng, type: CustomerType, spendClass: SpendClass): Tariff {
  const rich = spendClass === 'highly' || spendClass === 'very';
  if (type === 'business') {
    if (rich) return rng.chance(0.7) ? 'business-max' : 'business-pro';
    if (spendClass === 'below') return rng.chance(0.6) ? 'standard' : 'business-pro';
    return rng.chance(0.7) ? 'business-pro' : 'business-max';
  }
  if (spendClass === 'below') return rng.chance(0.85) ? 'standard' : 'premium';
  return rich || rng.chance(0.6) ? 'premium' : 'standard';
}

// ---------------------------------------------------------------------------------------------

function validate(options: DemoDataOptions): void {
  if (!Number.isInteger(options.accounts) || options.accounts < 1) throw new RangeError('accounts: a whole number of at least 1');
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed: a whole number');
  if (!isRealDate(options.today)) throw new RangeError('today: a real calendar date YYYY-MM-DD');
}

export function generateDemoData(options: DemoDataOptions): DemoDataSet {
  validate(options);
  const { seed, today } = options;
  const todayYear = Number(today.slice(0, 4));
  const yesterday = addDays(today, -1);
  const months = monthsEndingWith(addMonths(monthOf(today), -1), CHARGE_MONTHS);
  const firstChargeMonth = months[0] ?? monthOf(today);
  const monthIndex = (date: string) => Math.max(0, monthsBetween(firstChargeMonth, monthOf(date)));

  const managers = makeManagers(options);
  const managersByCity = new Map<DemoCity, string[]>(CITIES.map((c) => [c, []]));
  for (const m of managers) managersByCity.get(m.region)?.push(m.managerId);

  const rng = createRng(deriveSeed(seed, STREAM.accounts));
  const numberOffset = deriveSeed(seed, STREAM.numbers) % (DEF_CODES.length * SUBSCRIBER_SPACE);
  const emails = new EmailBook();
  const accounts: AccountRow[] = [];
  const numbers: NumberRow[] = [];
  const contacts: ContactRow[] = [];
  const companyDates: CompanyDateRow[] = [];
  const plans: AccountPlan[] = [];
  const idWidth = Math.max(6, String(options.accounts).length);
  let numberSequence = 0;

  const addContact = (accountId: string, role: ContactRole, person: Person, domain: string, language: DemoLanguage, age: readonly [number, number]) => {
    const birthYear = todayYear - rng.int(age[0], age[1]);
    const birthDate = eventDate(rng, birthYear, 0);
    contacts.push({
      contactId: `C${String(contacts.length + 1).padStart(7, '0')}`,
      accountId,
      role,
      fullName: person.fullName,
      email: emails.take(`${emailLabel(person.first).charAt(0)}.${emailLabel(person.last)}`, domain),
      birthDate: rng.chance(MISSING_BIRTH_DATE_SHARE) ? null : birthDate,
      language,
      consentEmail: !rng.chance(NO_CONSENT_SHARE),
    });
  };
  const languageOf = (): DemoLanguage => (rng.chance(0.07) ? 'en' : 'ru');
  const personFor = (language: DemoLanguage) => (language === 'en' ? latinPerson(rng) : russianPerson(rng));

  for (let index = 0; index < options.accounts; index++) {
    const accountId = `A${String(index + 1).padStart(idWidth, '0')}`;
    const customerType: CustomerType = rng.chance(BUSINESS_SHARE) ? 'business' : 'private';
    const city = CITIES[rng.weightedIndex(CITY_WEIGHTS)] ?? 'Irkutsk';
    const managerId = rng.pick(managersByCity.get(city) ?? []);
    const spendClass = SPEND_CLASSES[rng.weightedIndex(SPEND_CLASS_WEIGHTS[customerType])] ?? 'below';
    // Bulk accounts stay clear of the tenure rule: their point is the per-account criterion.
    // Established accounts are at least 8 months old, new ones at most 5, so "more than
    // 6 months" reads the same whichever way a rules engine counts part months.
    const isNew = spendClass !== 'bulk' && rng.chance(NEW_ACCOUNT_SHARE);
    const openedOn = addDays(today, -(isNew ? rng.int(7, 150) : rng.int(245, 3650)));
    const declining = spendClass !== 'bulk' && rng.chance(TREND_DOWN_SHARE);

    const count = numberCount(rng, customerType, spendClass);
    const accountFeeRub =
      spendClass === 'bulk' ? rng.between(2000, 6000) : customerType === 'business' && rng.chance(ACCOUNT_FEE_SHARE) ? rng.between(500, 5000) : 0;
    let levelRub =
      spendClass === 'bulk'
        ? rng.between(BULK.minLevel, BULK.maxLevel)
        : skewed(rng, declining ? LEVELS[spendClass].declining : LEVELS[spendClass].flat);
    if (spendClass === 'below') {
      const worstMonth = count * levelRub * 1.25 * (1 + MONTHLY_NOISE) + accountFeeRub * (1 + MONTHLY_NOISE);
      if (worstMonth > BELOW_ACCOUNT_CAP_RUB) levelRub *= BELOW_ACCOUNT_CAP_RUB / worstMonth;
    }
    const weights = spreadWeights(rng, count, spendClass === 'bulk' ? BULK.spread : 0.25);

    let name: string;
    let domain: string;
    let clientLanguage: DemoLanguage = 'ru';
    let client: Person | undefined;
    let owner: Person | undefined;
    if (customerType === 'private') {
      clientLanguage = languageOf();
      client = personFor(clientLanguage);
      name = client.fullName;
      domain = rng.pick(PRIVATE_MAIL_DOMAINS);
    } else {
      ({ name, domain, owner } = company(rng));
    }
    const tariff = tariffFor(rng, customerType, spendClass);
    accounts.push({ accountId, customerType, name, city, managerId, openedOn, tariff });

    const numberPlans: NumberPlan[] = [];
    const daysOpen = Math.max(1, daysBetween(openedOn, yesterday));
    for (let n = 0; n < count; n++) {
      // The first number comes with the account; later ones are added over its life.
      const later = n > 0 && spendClass !== 'bulk' && rng.chance(0.3);
      const registeredOn = later ? addDays(openedOn, rng.int(1, daysOpen)) : openedOn;
      const number = numberAt(numberSequence++, numberOffset);
      numbers.push({ number, accountId, registeredOn });
      numberPlans.push({ number, firstMonth: monthIndexOrEnd(registeredOn), levelRub: levelRub * (weights[n] ?? 1) });
    }
    plans.push({
      index,
      accountId,
      firstMonth: monthIndexOrEnd(openedOn),
      numbers: numberPlans,
      accountFeeRub,
      declining,
      latePayer: rng.chance(LATE_PAYER_SHARE),
    });

    if (client) {
      addContact(accountId, 'client', client, domain, clientLanguage, [25, 80]);
    } else {
      const directorLanguage = owner ? 'ru' : languageOf();
      addContact(accountId, 'director', owner ?? personFor(directorLanguage), domain, directorLanguage, [28, 72]);
      const contactPersons = rng.weightedIndex(CONTACT_PERSON_COUNT_WEIGHTS);
      for (let c = 0; c < contactPersons; c++) {
        const language = languageOf();
        addContact(accountId, 'contact', personFor(language), domain, language, [22, 65]);
      }
      if (rng.chance(FOUNDED_DATE_SHARE)) {
        const openedYear = Number(openedOn.slice(0, 4));
        const foundedYear = rng.int(1992, Math.max(1992, openedYear - 1));
        companyDates.push({
          accountId,
          kind: 'founded',
          date: eventDate(rng, foundedYear, foundedYear),
          description: `Годовщина основания ${name}, ${CITY_RU[city]}`,
        });
      }
    }
  }

  function monthIndexOrEnd(date: string): number {
    const i = monthIndex(date);
    return i > CHARGE_MONTHS ? CHARGE_MONTHS : i;
  }

  const calendar: ChargeCalendar = { seed, months, payMonths: months.map((m) => addMonths(m, 1)), yesterday };
  return {
    options: { ...options },
    managers,
    accounts,
    numbers,
    charges: {
      *[Symbol.iterator]() {
        for (const plan of plans) yield* accountCharges(plan, calendar);
      },
    },
    payments: {
      *[Symbol.iterator]() {
        for (const plan of plans) yield* accountPayments(plan, calendar);
      },
    },
    contacts,
    companyDates,
    budgets: makeBudgets(options.accounts, todayYear),
  };
}

function makeManagers(options: DemoDataOptions): ManagerRow[] {
  const rng = createRng(deriveSeed(options.seed, STREAM.managers));
  const count = Math.max(3, Math.round(options.accounts / 60));
  const emails = new EmailBook();
  return Array.from({ length: count }, (_, i) => {
    // One manager per city before any weighting, so every account's city has one.
    const region = i < CITIES.length ? (CITIES[i] ?? 'Irkutsk') : (CITIES[rng.weightedIndex(CITY_WEIGHTS)] ?? 'Irkutsk');
    const language: DemoLanguage = rng.chance(0.12) ? 'en' : 'ru';
    const person = language === 'en' ? transliteratedPerson(rng) : russianPerson(rng);
    return {
      managerId: `M${String(i + 1).padStart(3, '0')}`,
      fullName: person.fullName,
      email: emails.take(`${emailLabel(person.first)}.${emailLabel(person.last)}`, 'vip-operator.example'),
      language,
      region,
    };
  });
}

/** The multiplier of a declining account: flat the first year, down to 45 % through the second. */
function trendFactor(plan: AccountPlan, month: number): number {
  if (!plan.declining || month < 12) return 1;
  return 0.95 - (0.5 * (month - 12)) / (CHARGE_MONTHS - 13);
}

/** The charge months and what each one needs, computed once rather than per account. */
interface ChargeCalendar {
  readonly seed: number;
  readonly months: readonly string[];
  /** The month after each charge month, when its bill is paid. */
  readonly payMonths: readonly string[];
  readonly yesterday: string;
}

/**
 * Calls `visit` with every charge of one account, in file order. Charges and payments both go
 * through here so that a payment's due amount is exactly the sum of that month's charge rows.
 */
function visitCharges(plan: AccountPlan, calendar: ChargeCalendar, visit: (month: number, number: string | null, kopecks: Kopecks) => void): void {
  const rng = createRng(deriveSeed(calendar.seed, STREAM.charges, plan.index));
  const noisy = (rub: number) => Math.round(rub * (1 + rng.between(-MONTHLY_NOISE, MONTHLY_NOISE)) * 100);
  for (let m = plan.firstMonth; m < CHARGE_MONTHS; m++) {
    const factor = trendFactor(plan, m);
    for (const n of plan.numbers) if (m >= n.firstMonth) visit(m, n.number, noisy(n.levelRub * factor));
    if (plan.accountFeeRub > 0) visit(m, null, noisy(plan.accountFeeRub));
  }
}

function accountCharges(plan: AccountPlan, calendar: ChargeCalendar): ChargeRow[] {
  const rows: ChargeRow[] = [];
  visitCharges(plan, calendar, (m, number, amountKopecks) =>
    rows.push({ accountId: plan.accountId, month: calendar.months[m] ?? '', number, amountKopecks }),
  );
  return rows;
}

/**
 * On time: paid in full in the month after, by the 20th. Late payers miss two to four months,
 * at least one within the last year (the discipline window): paid late, paid in part, or not
 * at all. No payment is dated after yesterday; one that would be is still outstanding.
 */
function accountPayments(plan: AccountPlan, calendar: ChargeCalendar): PaymentRow[] {
  const { months, payMonths, yesterday } = calendar;
  const due = new Array<number>(CHARGE_MONTHS).fill(0);
  visitCharges(plan, calendar, (m, _number, kopecks) => (due[m] = (due[m] ?? 0) + kopecks));
  const rng = createRng(deriveSeed(calendar.seed, STREAM.payments, plan.index));
  const active: number[] = [];
  for (let m = plan.firstMonth; m < CHARGE_MONTHS; m++) active.push(m);

  const late = new Set<number>();
  if (plan.latePayer && active.length > 0) {
    const recent = active.filter((m) => m >= CHARGE_MONTHS - 12);
    if (recent.length > 0) late.add(rng.pick(recent));
    const wanted = Math.min(active.length, rng.int(2, 4));
    while (late.size < wanted) late.add(rng.pick(active));
  }

  return active.map((m): PaymentRow => {
    const month = months[m] ?? '';
    const dueKopecks = due[m] ?? 0;
    const next = payMonths[m] ?? '';
    const onTime = `${next}-${pad2(rng.int(1, 20))}`;
    if (!late.has(m)) return { accountId: plan.accountId, month, dueKopecks, paidKopecks: dueKopecks, paidOn: onTime < yesterday ? onTime : yesterday };
    const how = rng.weightedIndex([50, 30, 20]);
    if (how === 1 && onTime <= yesterday) {
      return { accountId: plan.accountId, month, dueKopecks, paidKopecks: Math.round(dueKopecks * rng.between(0.4, 0.9)), paidOn: onTime };
    }
    const paidLate = addDays(`${next}-21`, rng.int(0, 25));
    if (how === 0 && paidLate <= yesterday) return { accountId: plan.accountId, month, dueKopecks, paidKopecks: dueKopecks, paidOn: paidLate };
    return { accountId: plan.accountId, month, dueKopecks, paidKopecks: 0, paidOn: null };
  });
}

function makeBudgets(accountCount: number, year: number): BudgetRow[] {
  const yearly = BUDGET_RUB_PER_ACCOUNT_PER_YEAR * 100 * accountCount;
  const rows: BudgetRow[] = [];
  for (const y of [year, year + 1]) {
    // Whole kopecks, and the remainders go to the last month so the year adds up exactly.
    let left = yearly;
    demoTargets.eventQuarterShares.forEach((share, q) => {
      const quarter = q === 3 ? left : Math.round(yearly * share);
      left -= quarter;
      const monthly = Math.floor(quarter / 3);
      for (let i = 0; i < 3; i++) {
        rows.push({
          month: `${y}-${pad2(q * 3 + i + 1)}`,
          costItem: BUDGET_COST_ITEM,
          amountKopecks: i === 2 ? quarter - 2 * monthly : monthly,
          ownerEmail: BUDGET_OWNER_EMAIL,
        });
      }
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

export interface DemoDataSummary {
  readonly counts: Readonly<Record<DemoKind, number>>;
  readonly customerTypes: Readonly<Record<CustomerType, number>>;
  /** Birthdays (every contact with a birth date) and company dates, by quarter of the year. */
  readonly events: number;
  readonly eventQuarterShares: readonly [number, number, number, number];
  /** Over business accounts only, as the document counts them: heads, contact persons, companies. */
  readonly congratulated: Readonly<{ directors: number; contactPersons: number; organisations: number }>;
  readonly congratulatedShares: Readonly<{ directors: number; contactPersons: number; organisations: number }>;
}

export function summarizeDemoData(set: DemoDataSet): DemoDataSummary {
  const count = (rows: Iterable<unknown>) => {
    let n = 0;
    for (const _ of rows) n++;
    return n;
  };
  const quarters = [0, 0, 0, 0];
  const addEvent = (date: string) => {
    const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
    quarters[q] = (quarters[q] ?? 0) + 1;
  };
  const congratulated = { directors: 0, contactPersons: 0, organisations: set.companyDates.length };
  for (const c of set.contacts) {
    if (c.birthDate === null) continue;
    addEvent(c.birthDate);
    if (c.role === 'director') congratulated.directors++;
    if (c.role === 'contact') congratulated.contactPersons++;
  }
  for (const d of set.companyDates) addEvent(d.date);
  const events = quarters.reduce((a, b) => a + b, 0);
  const roleTotal = congratulated.directors + congratulated.contactPersons + congratulated.organisations;
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const business = set.accounts.filter((a) => a.customerType === 'business').length;
  return {
    counts: {
      managers: set.managers.length,
      accounts: set.accounts.length,
      numbers: set.numbers.length,
      charges: count(set.charges),
      payments: count(set.payments),
      contacts: set.contacts.length,
      'company-dates': set.companyDates.length,
      budgets: set.budgets.length,
    },
    customerTypes: { business, private: set.accounts.length - business },
    events,
    eventQuarterShares: [share(quarters[0] ?? 0, events), share(quarters[1] ?? 0, events), share(quarters[2] ?? 0, events), share(quarters[3] ?? 0, events)],
    congratulated,
    congratulatedShares: {
      directors: share(congratulated.directors, roleTotal),
      contactPersons: share(congratulated.contactPersons, roleTotal),
      organisations: share(congratulated.organisations, roleTotal),
    },
  };
}
