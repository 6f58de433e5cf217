import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadDemoIfEmpty } from '../../infra/local/demo-load.ts';
import { importCsv } from '../../shared/import/import-csv.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { freshTable } from './local-env.ts';
import { programmeA } from '../fixtures/accounts.ts';

async function count(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  return (await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count ?? 0;
}

describe('the demo data of npm start', () => {
  it('is loaded into an empty table, once', async () => {
    const { client, tableName } = await freshTable('vip-demo');
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-demo-'));
    const first = await loadDemoIfEmpty({ documents: client, tableName, dataDir, accounts: 5, today: '2026-12-03', keptMonths: 13, gifts: programmeA.giftTasks });
    expect(first).toMatchObject({ loaded: true, accounts: 5 });
    expect(JSON.parse(readFileSync(join(dataDir, 'demo-loaded.json'), 'utf8'))).toMatchObject({ accounts: 5 });
    const items = await count(client, tableName);
    const second = await loadDemoIfEmpty({ documents: client, tableName, dataDir, accounts: 5, today: '2026-12-03', keptMonths: 13, gifts: programmeA.giftTasks });
    expect(second).toMatchObject({ loaded: false });
    expect(second.loaded === false && second.reason).toMatch(/^the demo data was loaded on \d{4}-\d{2}-\d{2}/);
    expect(await count(client, tableName)).toBe(items);
    client.destroy();
  });

  it('is skipped, saying why, when the data folder already holds imported data', async () => {
    const { client, tableName } = await freshTable('vip-demo');
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-demo-'));
    const managers = join(dataDir, 'managers.csv');
    writeFileSync(managers, 'manager_id,full_name,email,language,region\nM1,Operator Own,m1@operator.example,ru,Irkutsk\n');
    await importCsv('managers', managers, new DynamoImportStore(client, tableName, 13, programmeA.giftTasks));
    const outcome = await loadDemoIfEmpty({ documents: client, tableName, dataDir, accounts: 5, today: '2026-12-03', keptMonths: 13, gifts: programmeA.giftTasks });
    expect(outcome).toEqual({ loaded: false, reason: expect.stringContaining('the table already holds data the demo did not write') });
    expect(await count(client, tableName)).toBe(1);
    expect(existsSync(join(dataDir, 'demo-loaded.json'))).toBe(false);
    client.destroy();
  });

  it('is loaded again after the table was emptied (npm start -- --fresh), though an old marker is left', async () => {
    const { client, tableName } = await freshTable('vip-demo');
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-demo-'));
    writeFileSync(join(dataDir, 'demo-loaded.json'), JSON.stringify({ loadedAt: '2026-01-01T00:00:00Z', accounts: 5 }));
    expect(await loadDemoIfEmpty({ documents: client, tableName, dataDir, accounts: 3, today: '2026-12-03', keptMonths: 13, gifts: programmeA.giftTasks })).toMatchObject({ loaded: true, accounts: 3 });
    client.destroy();
  });
});
