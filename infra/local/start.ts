/**
 * `npm start`: the whole system on this machine. DynamoDB Local keeps its data in the data
 * folder (so a restart keeps it; --fresh wipes it), demo data is loaded on the first start,
 * schedules fire on the wall clock, Ctrl-C stops every child process.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFireTime } from '../../shared/domain/schedule/schedule-expression.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { importDirectory } from '../../shared/import/import-directory.ts';
import { generateDemoData } from '../../shared/demo/generate-demo-data.ts';
import { writeDemoData } from '../../shared/demo/write-demo-csv.ts';
import { LocalStack, repositoryRoot } from './local-stack.ts';
import { publishStack } from './stack-state.ts';
import { localCredentials, localRegion } from './local-aws.ts';
import { MissingJavaError } from './java.ts';

// Local tooling runs on Node 20 knowingly (Lambda runs 22); the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `usage: npm start -- [--fresh] [--data-dir DIR] [--config FILE] [--port N] [--demo-accounts N]`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        fresh: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        port: { type: 'string', default: process.env.PORT ?? '8787' },
        'demo-accounts': { type: 'string', default: '200' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (args.help) return void console.log(usage);
  const dataDir = resolve(args['data-dir'] ?? process.env.VIP_DATA_DIR ?? join(repositoryRoot, '.local/data'));
  const configFile = resolve(args.config ?? process.env.VIP_CONFIG ?? join(repositoryRoot, 'config/programme-a.json'));
  const config = loadProgrammeConfig(configFile);
  mkdirSync(dataDir, { recursive: true });

  const stack = await LocalStack.start({
    config,
    dataDir,
    fresh: args.fresh,
    httpPort: Number(args.port),
    runScheduler: true,
    senderAddress: process.env.VIP_SENDER_ADDRESS ?? 'vip-programme@example.com',
    leadershipAddress: process.env.VIP_LEADERSHIP_ADDRESS ?? 'leadership@example.com',
    log: (line) => console.log(`[${new Date().toISOString()}] ${line}`),
  });
  const unpublish = publishStack(dataDir, {
    pid: process.pid,
    dynamoEndpoint: stack.dynamoEndpoint,
    sesEndpoint: stack.sesEndpoint,
    httpUrl: stack.httpUrl,
    tableName: stack.tableName,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack...`);
    unpublish();
    await stack.stop();
    console.log('stopped; no emulator is left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const marker = join(dataDir, 'demo-loaded.json');
  if (!existsSync(marker)) {
    const today = localDateOf(new Date(), config.timeZone);
    const accounts = Number(args['demo-accounts']);
    console.log(`first start: loading demo data (${accounts} accounts, as of ${today})...`);
    const csvDir = join(dataDir, 'demo-csv');
    await writeDemoData(generateDemoData({ accounts, seed: 1, today }), csvDir);
    const documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    const results = await importDirectory(csvDir, new DynamoImportStore(documents, stack.tableName));
    documents.destroy();
    writeFileSync(marker, JSON.stringify({ loadedAt: new Date().toISOString(), accounts, results }, null, 2));
    console.log(`  imported ${results.map((r) => `${r.rows} ${r.kind}`).join(', ')}`);
  }

  console.log(`
vip-workflows is running locally (programme "${config.name}", time zone ${config.timeZone})
  mailbox (SES emulator): ${stack.sesEndpoint}/
  HTTP base URL:          ${stack.httpUrl}/
  leadership dashboard:   ${stack.httpUrl}${stack.topology.staticSites.find((s) => s.name === 'dashboard')?.pathPrefix ?? '/dashboard'}/  (locally without sign-in)
  DynamoDB Local:         ${stack.dynamoEndpoint} (table ${stack.tableName}, data in ${dataDir})
  schedules:`);
  for (const { schedule, next } of stack.scheduler.upcoming()) {
    const when = next ? describeFireTime(next, schedule.timeZone).local : 'disabled';
    console.log(`    ${schedule.name.padEnd(34)} ${schedule.expression.padEnd(20)} next: ${when}`);
  }
  console.log(`
In another terminal: npx vip --help   (e.g. npx vip run status-review --at 2027-01-01T03:00:00+08:00)
Ctrl-C stops everything.`);
}

main().catch((error: unknown) => {
  if (error instanceof MissingJavaError) console.error(error.message);
  else console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
