import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importCsv, ImportRejectedError } from '../../shared/import/import-csv.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { freshTable } from './local-env.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';

const fixtures = join(import.meta.dirname, '../fixtures/csv');
let client: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoImportStore;

async function tableSnapshot() {
  const result = await client.send(new ScanCommand({ TableName: tableName }));
  return (result.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

beforeAll(async () => {
  ({ client, tableName } = await freshTable());
  store = new DynamoImportStore(client, tableName, keptMonthCount(programmeA.statusReview.rules), programmeA.giftTasks);
  await importCsv('managers', join(fixtures, 'managers.csv'), store);
  await importCsv('accounts', join(fixtures, 'accounts-excel.csv'), store);
  await importCsv('numbers', join(fixtures, 'numbers.csv'), store);
  await importCsv('charges', join(fixtures, 'charges.csv'), store);
  await importCsv('payments', join(fixtures, 'payments.csv'), store);
});

describe('CSV import into DynamoDB Local', () => {
  it('reads a BOM, ";" separators, CRLF and Cyrillic, and keeps a quoted ";" inside a value', async () => {
    const account = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A001') }));
    expect(account.Item).toMatchObject({ name: 'ООО «Байкал; Транс»', city: 'Иркутск', managerId: 'M001', managerKey: 'MANAGER#M001' });
  });

  it('rolls charges and payments up into the account facts, whole-account charges included', async () => {
    const account = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A001') }));
    expect(account.Item?.registeredNumbers).toBe(2);
    expect(account.Item?.months['2026-09']).toEqual({
      chargesKopecks: 250050 + 150000 + 10000,
      billedNumbers: 2,
      dueKopecks: 410050,
      paidKopecks: 410050,
      paidOn: '2026-10-05',
    });
    const unpaid = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A002') }));
    expect(unpaid.Item?.months['2026-09']).toEqual({ chargesKopecks: 320000, billedNumbers: 1, dueKopecks: 320000 });
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await tableSnapshot();
    await importCsv('accounts', join(fixtures, 'accounts-excel.csv'), store);
    await importCsv('charges', join(fixtures, 'charges.csv'), store);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('rejects a bad file naming file, line, column, value and expectation, and writes none of it', async () => {
    const before = await tableSnapshot();
    const file = join(fixtures, 'accounts-bad.csv');
    const rejection = importCsv('accounts', file, store);
    await expect(rejection).rejects.toBeInstanceOf(ImportRejectedError);
    await expect(rejection).rejects.toThrow(`${file}:5: column "opened_on": value "2019-02-31": expected a real calendar date YYYY-MM-DD`);
    await expect(rejection).rejects.toThrow(`${file}:4: duplicate of line 2 (A001)`);
    await expect(rejection).rejects.toThrow(`${file}:3: column "manager_id": value "M999": expected an existing manager`);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('rejects a missing column and a negative amount', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-import-'));
    const missing = join(dir, 'charges.csv');
    writeFileSync(missing, 'account_id,month,amount_rub\nA001,2026-09,10\n');
    await expect(importCsv('charges', missing, store)).rejects.toThrow(`${missing}:1: missing column "number"`);
    const negative = join(dir, 'charges2.csv');
    writeFileSync(negative, 'account_id,month,number,amount_rub\nA001,2026-10,,-5\n');
    await expect(importCsv('charges', negative, store)).rejects.toThrow(`${negative}:2: column "amount_rub": value "-5": expected a non-negative amount`);
    const badNumber = join(dir, 'charges3.csv');
    writeFileSync(badNumber, 'account_id,month,number,amount_rub\nA001,2026-10,12-34,5\n');
    await expect(importCsv('charges', badNumber, store)).rejects.toThrow('column "number": value "12-34": expected a phone number of 10 to 15 digits, or empty');
    const cp1251 = join(dir, 'managers-1251.csv');
    // "Иванов" in Windows-1251: bytes that are not valid UTF-8.
    writeFileSync(cp1251, Buffer.concat([Buffer.from('manager_id,full_name,email,language,region\nM9,'), Buffer.from([0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2]), Buffer.from(',m9@x.example,ru,Irkutsk\n')]));
    await expect(importCsv('managers', cp1251, store)).rejects.toThrow('not UTF-8 text (a Windows-1251 export?)');
  });

  it('takes a corrected row and moves a re-registered number to its new account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-import-'));
    const corrected = join(dir, 'charges.csv');
    writeFileSync(corrected, 'account_id,month,number,amount_rub\nA001,2026-09,79001112244,1000\n');
    await importCsv('charges', corrected, store);
    const account = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A001') }));
    expect(account.Item?.months['2026-09'].chargesKopecks).toBe(250050 + 100000 + 10000);

    const moved = join(dir, 'numbers.csv');
    writeFileSync(moved, 'number,account_id,registered_on\n79001112244,A002,2026-10-01\n');
    await importCsv('numbers', moved, store);
    const from = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A001') }));
    const to = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A002') }));
    expect([from.Item?.registeredNumbers, to.Item?.registeredNumbers]).toEqual([1, 2]);
    // Its September charges stay with the old account, which the review is told about.
    expect(from.Item?.foreignNumbers).toEqual(['79001112244']);
    expect(to.Item?.foreignNumbers).toBeUndefined();
  });

  it('rejects a budget file whose allocation falls below what a line has reserved, before writing any row', async () => {
    const budgets = new DynamoBudgetStore(client, tableName);
    await budgets.setAllocation('2027-08', 'vip-gifts', 1_000_000, 'owner@example.com');
    const issued = await new DynamoGiftStore(client, tableName).issueTask(
      {
        taskId: 'A001~2027~c1', accountId: 'A001', sourceId: 'c1', managerId: 'M001', tier: 'gold', occasionKind: 'client-birthday',
        occasionDate: '2027-08-20', issueDate: '2027-08-10', personName: 'P', giftId: 'flowers', reservedKopecks: 400_000, priceKopecks: 400_000,
        budgetMonth: '2027-08', costItem: 'vip-gifts', state: 'open',
      },
      '2027-08-10T00:00:00Z',
    );
    expect(issued).toBe('issued');
    const before = await tableSnapshot();
    const dir = mkdtempSync(join(tmpdir(), 'vip-import-'));
    const file = join(dir, 'budgets.csv');
    // The first row is fine and comes first: it must not be written either.
    writeFileSync(file, 'month,cost_item,amount_rub,owner_email\n2027-07,vip-gifts,50000,owner@example.com\n2027-08,vip-gifts,3000,owner@example.com\n');
    const rejection = importCsv('budgets', file, store);
    await expect(rejection).rejects.toBeInstanceOf(ImportRejectedError);
    await expect(rejection).rejects.toThrow(`${file}:3: column "amount_rub": value "3000": expected at least 4,000.00 RUB (already reserved and spent on the line 2027-08 vip-gifts)`);
    expect(await tableSnapshot()).toEqual(before);
    expect(await budgets.getLine('2027-07', 'vip-gifts')).toBeUndefined();
  });

  it('flags birth and company dates that look like an exported empty date, unless the row confirms them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-import-'));
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(
      contacts,
      'contact_id,account_id,role,full_name,email,birth_date,language,consent_email,date_confirmed\n' +
        'S1,A001,client,Иван Петров,s1@x.example,1970-01-01,ru,yes,\n' +
        'S2,A001,director,Ann Lee,s2@x.example,1970-01-01,en,yes,yes\n' +
        'S3,A002,contact,Олег Сидоров,s3@x.example,1984-05-06,ru,yes,\n',
    );
    const result = await importCsv('contacts', contacts, store);
    expect(result.notes).toContain('1 contact(s) with a birth date of 1970-01-01 or 1900-01-01 (an empty date as often exported): no task until confirmed (date_confirmed = yes); see npx vip report suspect-dates');
    const item = async (key: Record<string, string>) => (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item;
    expect((await item(keys.contact('A001', 'S1')))?.suspectDate).toBe(true);
    expect((await item(keys.contact('A001', 'S2')))?.suspectDate).toBeUndefined();
    expect((await item(keys.contact('A002', 'S3')))?.suspectDate).toBeUndefined();

    const dates = join(dir, 'company-dates.csv');
    writeFileSync(dates, 'account_id,kind,date,description\nA002,founded,1900-01-01,\n');
    expect((await importCsv('company-dates', dates, store)).notes).toEqual([
      '1 company date(s) of 1970-01-01 or 1900-01-01 (an empty date as often exported): no task until confirmed (date_confirmed = yes); see npx vip report suspect-dates',
    ]);
    const suspects = (await new DynamoGiftStore(client, tableName).allOccasions()).filter((o) => o.suspectDate);
    expect(suspects.map((o) => `${o.accountId} ${o.sourceId} ${o.originalDate}`).sort()).toEqual(['A001 S1 1970-01-01', 'A002 company-founded 1900-01-01']);

    // Confirmed on a re-import: the flag goes.
    writeFileSync(contacts, 'contact_id,account_id,role,full_name,email,birth_date,language,consent_email,date_confirmed\nS1,A001,client,Иван Петров,s1@x.example,1970-01-01,ru,yes,yes\n');
    expect((await importCsv('contacts', contacts, store)).notes).toEqual([]);
    expect((await item(keys.contact('A001', 'S1')))?.suspectDate).toBeUndefined();
  });

  it('keeps only the months the rules read on the profile, year after year, and says what an import dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-import-'));
    const year = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `${2025 + Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`);
    const kept = keptMonthCount(programmeA.statusReview.rules);
    expect(kept).toBe(13);
    // Two years of history in one file: the eleven oldest months are more than the rules will read.
    const first = join(dir, 'charges-history.csv');
    writeFileSync(first, `account_id,month,number,amount_rub\n${year(0, 24).map((m) => `A002,${m},,100`).join('\n')}\n`);
    const result = await importCsv('charges', first, store);
    expect(result.notes).toEqual([`1 account(s) had months older than the 13 months a profile keeps (2025-01, 2025-02, 2025-03 ... 2025-09, 2025-10, 2025-11): their rows are stored, but dropped from the profile the review reads`]);
    const afterFirst = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A002') }));
    expect(Object.keys(afterFirst.Item?.months).sort()).toEqual(year(11, 13));

    // The next year's exports, month after month as billing sends them: the window moves on.
    for (const month of year(24, 12)) {
      const file = join(dir, `charges-${month}.csv`);
      writeFileSync(file, `account_id,month,number,amount_rub\nA002,${month},,200\n`);
      expect((await importCsv('charges', file, store)).notes).toEqual([]);
    }
    const afterSecond = await client.send(new GetCommand({ TableName: tableName, Key: keys.account('A002') }));
    expect(Object.keys(afterSecond.Item?.months).sort()).toEqual(year(23, 13));
    expect(afterSecond.Item?.months['2027-12']).toMatchObject({ chargesKopecks: 20000 });
    expect(afterSecond.Item?.months['2026-12']).toMatchObject({ chargesKopecks: 10000 });
  });
});
