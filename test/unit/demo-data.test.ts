import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUDGET_RUB_PER_ACCOUNT_PER_YEAR,
  demoKinds,
  demoTargets,
  generateDemoData,
  summarizeDemoData,
  type ChargeRow,
  type DemoDataSet,
  type PaymentRow,
} from '../../shared/demo/generate-demo-data.ts';
import { createRng, deriveSeed, mulberry32 } from '../../shared/demo/random.ts';
import { demoCsvTables, writeDemoData } from '../../shared/demo/write-demo-csv.ts';

const TODAY = '2026-11-25';
const ACCOUNTS = 2000;
/** Percentage points the generated shares may stray from the documents' at 2,000 accounts. */
const TOLERANCE = 0.04;

const set = generateDemoData({ accounts: ACCOUNTS, seed: 42, today: TODAY });
const charges: ChargeRow[] = [...set.charges];
const payments: PaymentRow[] = [...set.payments];

// The test's own calendar arithmetic, so it does not vouch for the generator with the generator's helpers.
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const lastMonth = shiftMonth(TODAY.slice(0, 7), -1);
const monthsBack = (from: number, count: number) => Array.from({ length: count }, (_, i) => shiftMonth(lastMonth, -from - i));
const currentYear = new Set(monthsBack(0, 12));
const previousYear = new Set(monthsBack(12, 12));

type Tier = 'profitable' | 'highly' | 'very';
interface Evaluation {
  readonly tier: Tier | undefined;
  readonly perNumberRub: number;
  readonly perAccountRub: number;
}

/**
 * Programme A as config/programme-a.json states it, in its simplest reading: the average monthly
 * charge per number (and per account) over a 12-month window, tenure over 6 whole months, no
 * payment in the window short or after the 20th of the following month.
 */
function evaluateProgrammeA(data: DemoDataSet, window: ReadonlySet<string>, asOf: string): Map<string, Evaluation> {
  const perAccount = new Map<string, { numberSum: number; numberMonths: number; monthTotals: Map<string, number> }>();
  for (const c of charges) {
    if (!window.has(c.month)) continue;
    let a = perAccount.get(c.accountId);
    if (!a) perAccount.set(c.accountId, (a = { numberSum: 0, numberMonths: 0, monthTotals: new Map() }));
    if (c.number !== null) {
      a.numberSum += c.amountKopecks;
      a.numberMonths++;
    }
    a.monthTotals.set(c.month, (a.monthTotals.get(c.month) ?? 0) + c.amountKopecks);
  }
  const undisciplined = new Set<string>();
  for (const p of payments) {
    if (!window.has(p.month)) continue;
    if (p.paidOn === null || p.paidKopecks < p.dueKopecks || p.paidOn > `${shiftMonth(p.month, 1)}-20`) undisciplined.add(p.accountId);
  }
  const result = new Map<string, Evaluation>();
  for (const account of data.accounts) {
    const a = perAccount.get(account.accountId);
    const perNumberRub = a && a.numberMonths > 0 ? a.numberSum / a.numberMonths / 100 : 0;
    const totals = a ? [...a.monthTotals.values()] : [];
    const perAccountRub = totals.length > 0 ? totals.reduce((x, y) => x + y, 0) / totals.length / 100 : 0;
    const [oy, om, od] = account.openedOn.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = asOf.split('-').map(Number) as [number, number, number];
    const tenureMonths = (ty - oy) * 12 + (tm - om) - (td < od ? 1 : 0);
    const admitted = (perNumberRub > 2100 || perAccountRub > 60000) && tenureMonths > 6 && !undisciplined.has(account.accountId);
    const tier: Tier | undefined = !admitted ? undefined : perNumberRub >= 20000 ? 'very' : perNumberRub >= 5000 ? 'highly' : 'profitable';
    result.set(account.accountId, { tier, perNumberRub, perAccountRub });
  }
  return result;
}

describe('seeded random numbers', () => {
  it('repeats for a seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, min, span) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
        }
      }),
    );
  });

  it('derives different streams from different parts', () => {
    expect(deriveSeed(42, 1, 0)).not.toBe(deriveSeed(42, 1, 1));
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(43, 1));
    expect(deriveSeed(2 ** 32 + 1)).not.toBe(deriveSeed(1));
  });
});

describe('generateDemoData', () => {
  it('rejects options it cannot honour', () => {
    expect(() => generateDemoData({ accounts: 0, seed: 1, today: TODAY })).toThrow(/accounts/);
    expect(() => generateDemoData({ accounts: 10, seed: 1.5, today: TODAY })).toThrow(/seed/);
    expect(() => generateDemoData({ accounts: 10, seed: 1, today: '2026-02-29' })).toThrow(/today/);
  });

  it('gives unique ids and numbers in the expected formats', () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(set.managers.map((m) => m.managerId))).toBe(true);
    expect(unique(set.accounts.map((a) => a.accountId))).toBe(true);
    expect(unique(set.contacts.map((c) => c.contactId))).toBe(true);
    expect(unique(set.numbers.map((n) => n.number))).toBe(true);
    expect(unique(set.managers.map((m) => m.email))).toBe(true);
    expect(unique(set.contacts.map((c) => c.email))).toBe(true);
    expect(set.managers.every((m) => /^M\d{3,}$/.test(m.managerId))).toBe(true);
    expect(set.accounts.every((a) => /^A\d{6,}$/.test(a.accountId))).toBe(true);
    expect(set.numbers.every((n) => /^79\d{9}$/.test(n.number))).toBe(true);
    expect(set.accounts[0]?.accountId).toBe('A000001');
    expect(set.managers[0]?.managerId).toBe('M001');
  });

  it('references only managers and accounts that exist', () => {
    const managerIds = new Set(set.managers.map((m) => m.managerId));
    const accountIds = new Set(set.accounts.map((a) => a.accountId));
    const numberOwner = new Map(set.numbers.map((n) => [n.number, n.accountId]));
    expect(set.accounts.every((a) => managerIds.has(a.managerId))).toBe(true);
    for (const rows of [set.numbers, charges, payments, set.contacts, set.companyDates]) {
      expect(rows.every((r) => accountIds.has(r.accountId))).toBe(true);
    }
    expect(charges.every((c) => c.number === null || numberOwner.get(c.number) === c.accountId)).toBe(true);
    // Each account's manager works in the account's city.
    const region = new Map(set.managers.map((m) => [m.managerId, m.region]));
    expect(set.accounts.every((a) => region.get(a.managerId) === a.city)).toBe(true);
  });

  it('writes only real calendar dates, none in the future', () => {
    const dates = [
      ...set.accounts.map((a) => a.openedOn),
      ...set.numbers.map((n) => n.registeredOn),
      ...payments.flatMap((p) => (p.paidOn ? [p.paidOn] : [])),
      ...set.contacts.flatMap((c) => (c.birthDate ? [c.birthDate] : [])),
      ...set.companyDates.map((d) => d.date),
    ];
    expect(dates.filter((d) => !isRealDate(d))).toEqual([]);
    expect(dates.filter((d) => d >= TODAY)).toEqual([]);
    const opened = new Map(set.accounts.map((a) => [a.accountId, a.openedOn]));
    expect(set.numbers.every((n) => n.registeredOn >= (opened.get(n.accountId) ?? ''))).toBe(true);
    // 29 February turns up, and only where the year has one (which isRealDate already demands).
    const leapDays = set.contacts.filter((c) => c.birthDate?.endsWith('-02-29'));
    expect(leapDays.length).toBeGreaterThan(0);
  });

  it('covers 24 months ending with the month before today, one payment per account and charged month', () => {
    const months = [...new Set(charges.map((c) => c.month))].sort();
    expect(months).toEqual(monthsBack(0, 24).reverse());
    const due = new Map<string, number>();
    for (const c of charges) due.set(`${c.accountId} ${c.month}`, (due.get(`${c.accountId} ${c.month}`) ?? 0) + c.amountKopecks);
    expect(payments.length).toBe(due.size);
    for (const p of payments) expect(p.dueKopecks).toBe(due.get(`${p.accountId} ${p.month}`));
    expect(charges.every((c) => Number.isInteger(c.amountKopecks) && c.amountKopecks > 0)).toBe(true);
    expect(charges.some((c) => c.number === null)).toBe(true);
  });

  it('has the mix of customers, cities, tenure and payers the brief asks for', () => {
    const share = (n: number) => n / ACCOUNTS;
    const business = set.accounts.filter((a) => a.customerType === 'business');
    expect(share(business.length)).toBeCloseTo(0.6, 1);
    expect(share(set.accounts.filter((a) => a.city === 'Irkutsk').length)).toBeGreaterThan(0.55);
    expect(share(set.accounts.filter((a) => a.city === 'Bratsk').length)).toBeLessThan(0.2);
    const sixMonthsAgo = `${shiftMonth(TODAY.slice(0, 7), -6)}${TODAY.slice(7)}`;
    expect(share(set.accounts.filter((a) => a.openedOn > sixMonthsAgo).length)).toBeGreaterThan(0.03);
    expect(share(set.accounts.filter((a) => a.openedOn > sixMonthsAgo).length)).toBeLessThan(0.07);
    expect(set.accounts.every((a) => a.openedOn >= `${Number(TODAY.slice(0, 4)) - 10}${TODAY.slice(4)}`)).toBe(true);
    expect(new Set(set.accounts.map((a) => a.tariff))).toEqual(new Set(['business-pro', 'business-max', 'premium', 'standard']));
    expect(business.filter((a) => /[«"]/.test(a.name)).length).toBeGreaterThan(business.length * 0.8);
    const perAccount = new Map<string, number>();
    for (const n of set.numbers) perAccount.set(n.accountId, (perAccount.get(n.accountId) ?? 0) + 1);
    for (const a of set.accounts) {
      const count = perAccount.get(a.accountId) ?? 0;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(a.customerType === 'private' ? 3 : 40);
    }
    const latePayers = new Set(payments.filter((p) => p.paidOn === null || p.paidKopecks < p.dueKopecks || p.paidOn > `${shiftMonth(p.month, 1)}-20`).map((p) => p.accountId));
    expect(share(latePayers.size)).toBeGreaterThan(0.05);
    expect(share(latePayers.size)).toBeLessThan(0.11);
  });

  it('gives managers, contacts and the budget the expected shape', () => {
    expect(set.managers.length).toBe(Math.round(ACCOUNTS / 60));
    expect(new Set(set.managers.map((m) => m.region))).toEqual(new Set(['Irkutsk', 'Angarsk', 'Bratsk']));
    expect(set.managers.every((m) => m.email.endsWith('@vip-operator.example'))).toBe(true);
    expect(set.managers.filter((m) => m.language === 'ru' && /[А-Яа-яЁё]/.test(m.fullName)).length).toBeGreaterThan(set.managers.length / 2);
    expect(generateDemoData({ accounts: 5, seed: 1, today: TODAY }).managers.length).toBe(3);

    const byAccount = new Map<string, string[]>();
    for (const c of set.contacts) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c.role]);
    for (const a of set.accounts) {
      const roles = byAccount.get(a.accountId) ?? [];
      if (a.customerType === 'private') expect(roles).toEqual(['client']);
      else expect(roles[0] === 'director' && roles.length <= 3 && roles.slice(1).every((r) => r === 'contact')).toBe(true);
    }
    expect(set.contacts.every((c) => /^[a-z0-9.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(c.email))).toBe(true);
    const missingBirth = set.contacts.filter((c) => c.birthDate === null).length / set.contacts.length;
    expect(missingBirth).toBeGreaterThan(0.005);
    expect(missingBirth).toBeLessThan(0.04);
    const noConsent = set.contacts.filter((c) => !c.consentEmail).length / set.contacts.length;
    expect(noConsent).toBeGreaterThan(0.03);
    expect(noConsent).toBeLessThan(0.07);
    const businessIds = new Set(set.accounts.filter((a) => a.customerType === 'business').map((a) => a.accountId));
    expect(set.companyDates.every((d) => d.kind === 'founded' && businessIds.has(d.accountId))).toBe(true);

    const year = TODAY.slice(0, 4);
    expect(set.budgets.map((b) => b.month)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 12 }, (_, i) => `${Number(year) + 1}-${String(i + 1).padStart(2, '0')}`),
    ]);
    for (const y of [year, String(Number(year) + 1)]) {
      const rows = set.budgets.filter((b) => b.month.startsWith(y));
      const total = rows.reduce((s, b) => s + b.amountKopecks, 0);
      expect(total).toBe(BUDGET_RUB_PER_ACCOUNT_PER_YEAR * 100 * ACCOUNTS);
      demoTargets.eventQuarterShares.forEach((target, q) => {
        const quarter = rows.slice(q * 3, q * 3 + 3).reduce((s, b) => s + b.amountKopecks, 0);
        expect(quarter / total).toBeCloseTo(target, 3);
      });
    }
    expect(set.budgets.every((b) => b.costItem === 'vip-gifts' && b.ownerEmail === 'budget.owner@vip-operator.example')).toBe(true);
  });

  it('keeps its integrity for any small size and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 }), (accounts, seed) => {
        const small = generateDemoData({ accounts, seed, today: '2024-03-01' });
        const ids = new Set(small.accounts.map((a) => a.accountId));
        const managers = new Set(small.managers.map((m) => m.managerId));
        expect(small.accounts.length).toBe(accounts);
        expect(small.accounts.every((a) => managers.has(a.managerId))).toBe(true);
        expect([...small.payments].every((p) => ids.has(p.accountId) && (p.paidOn === null || (isRealDate(p.paidOn) && p.paidOn < '2024-03-01')))).toBe(true);
        expect(small.numbers.every((n) => isRealDate(n.registeredOn) && n.registeredOn < '2024-03-01')).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('programme A over the generated charges', () => {
  const current = evaluateProgrammeA(set, currentYear, TODAY);
  const count = (tier: Tier) => [...current.values()].filter((e) => e.tier === tier).length;

  it('admits 35-45 % of accounts, with tiers large > small > handful', () => {
    const admitted = [...current.values()].filter((e) => e.tier !== undefined).length;
    expect(admitted / ACCOUNTS).toBeGreaterThan(0.35);
    expect(admitted / ACCOUNTS).toBeLessThan(0.45);
    const [large, small, handful] = [count('profitable'), count('highly'), count('very')];
    expect(large).toBeGreaterThan(2 * small);
    expect(small).toBeGreaterThan(4 * handful);
    expect(handful).toBeGreaterThan(0);
    expect(handful / ACCOUNTS).toBeLessThan(0.02);
  });

  it('admits a few business accounts by the per-account criterion alone', () => {
    const byAccountOnly = [...current.entries()].filter(([, e]) => e.tier !== undefined && e.perNumberRub <= 2100 && e.perAccountRub > 60000);
    expect(byAccountOnly.length).toBeGreaterThan(0);
    expect(byAccountOnly.length / ACCOUNTS).toBeLessThan(0.02);
    const type = new Map(set.accounts.map((a) => [a.accountId, a.customerType]));
    expect(byAccountOnly.every(([id]) => type.get(id) === 'business')).toBe(true);
  });

  it('has accounts whose spend declined enough to drop a tier', () => {
    const rank = (e: Evaluation | undefined) => (!e || e.perNumberRub <= 2100 ? 0 : e.perNumberRub < 5000 ? 1 : e.perNumberRub < 20000 ? 2 : 3);
    const yearAgo = evaluateProgrammeA(set, previousYear, `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`);
    const dropped = set.accounts.filter((a) => rank(current.get(a.accountId)) < rank(yearAgo.get(a.accountId)));
    expect(dropped.length / ACCOUNTS).toBeGreaterThan(0.02);
  });
});

describe('summarizeDemoData', () => {
  const summary = summarizeDemoData(set);

  it('counts every kind', () => {
    expect(Object.keys(summary.counts)).toEqual([...demoKinds]);
    expect(summary.counts.accounts).toBe(ACCOUNTS);
    expect(summary.counts.charges).toBe(charges.length);
    expect(summary.counts.payments).toBe(payments.length);
    expect(summary.counts['company-dates']).toBe(set.companyDates.length);
  });

  it('spreads birthdays and company dates over the quarters as the documents do', () => {
    summary.eventQuarterShares.forEach((share, q) => expect(Math.abs(share - (demoTargets.eventQuarterShares[q] ?? 0))).toBeLessThan(TOLERANCE));
  });

  it('congratulates directors, contact persons and organisations 37 : 33 : 30', () => {
    const { directors, contactPersons, organisations } = summary.congratulatedShares;
    const target = demoTargets.congratulatedShares;
    expect(Math.abs(directors - target.directors)).toBeLessThan(TOLERANCE);
    expect(Math.abs(contactPersons - target.contactPersons)).toBeLessThan(TOLERANCE);
    expect(Math.abs(organisations - target.organisations)).toBeLessThan(TOLERANCE);
  });
});

describe('writeDemoData', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-data-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const readAll = async (paths: readonly string[]) => Promise.all(paths.map((p) => readFile(p)));

  it('writes byte-identical files for the same seed and today, different ones otherwise', async () => {
    const options = { accounts: 300, seed: 7, today: TODAY };
    const first = await readAll(await writeDemoData(generateDemoData(options), join(dir, 'a')));
    const again = await readAll(await writeDemoData(generateDemoData(options), join(dir, 'b')));
    first.forEach((bytes, i) => expect(bytes.equals(again[i] ?? Buffer.alloc(0))).toBe(true));

    const otherSeed = await readAll(await writeDemoData(generateDemoData({ ...options, seed: 8 }), join(dir, 'c')));
    const kindIndex = (kind: (typeof demoKinds)[number]) => demoKinds.indexOf(kind);
    for (const kind of ['accounts', 'numbers', 'charges', 'payments', 'contacts'] as const) {
      expect(first[kindIndex(kind)]?.equals(otherSeed[kindIndex(kind)] ?? Buffer.alloc(0))).toBe(false);
    }
    const otherDay = await readAll(await writeDemoData(generateDemoData({ ...options, today: '2026-12-25' }), join(dir, 'd')));
    expect(first[kindIndex('charges')]?.equals(otherDay[kindIndex('charges')] ?? Buffer.alloc(0))).toBe(false);
  });

  it('writes the columns the importer expects, and quotes so that values round-trip', async () => {
    const accounts = set.accounts.map((a, i) => (i === 0 ? { ...a, name: 'ООО "Рога, копыта и Ко"' } : a));
    const tricky: DemoDataSet = { ...set, accounts };
    const paths = await writeDemoData(tricky, join(dir, 'quoted'));
    expect(paths.map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual(demoKinds.map((k) => `${k}.csv`));
    const tables = demoCsvTables(tricky);
    const headers: Record<string, string> = {
      managers: 'manager_id,full_name,email,language,region',
      accounts: 'account_id,customer_type,name,city,manager_id,opened_on,tariff',
      numbers: 'number,account_id,registered_on',
      charges: 'account_id,month,number,amount_rub',
      payments: 'account_id,month,due_rub,paid_rub,paid_on',
      contacts: 'contact_id,account_id,role,full_name,email,birth_date,language,consent_email',
      'company-dates': 'account_id,kind,date,description',
      budgets: 'month,cost_item,amount_rub,owner_email',
    };
    for (const [i, kind] of demoKinds.entries()) {
      const text = await readFile(paths[i] ?? '', 'utf8');
      expect(text.slice(0, text.indexOf('\n'))).toBe(headers[kind]);
      const parsed: string[][] = parse(text, { columns: false, skip_empty_lines: false });
      expect(parsed).toEqual([[...tables[kind].header], ...[...tables[kind].records].map((r) => [...r])]);
    }
    const accountsText = await readFile(paths[demoKinds.indexOf('accounts')] ?? '', 'utf8');
    expect(accountsText).toContain('"ООО ""Рога, копыта и Ко"""');
    const [, first] = parse(accountsText, { columns: false }) as string[][];
    expect(first?.[2]).toBe('ООО "Рога, копыта и Ко"');
    // Amounts always carry kopecks.
    const chargeLines = (await readFile(paths[demoKinds.indexOf('charges')] ?? '', 'utf8')).split('\n').slice(1, 50);
    expect(chargeLines.every((l) => /,\d+\.\d{2}$/.test(l))).toBe(true);
  });
});
