/**
 * `npm start`: the whole system on this machine. DynamoDB Local keeps its data in the data
 * folder (so a restart keeps it; --fresh wipes it), demo data is loaded into an empty table only,
 * schedules fire on the wall clock, Ctrl-C stops every child process.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFireTime } from '../../shared/domain/schedule/schedule-expression.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { loadDemoIfEmpty, type DemoLoad } from './demo-load.ts';
import { LocalStack, repositoryRoot } from './local-stack.ts';
import { findRunningStack, publishStack } from './stack-state.ts';
import { createServer } from 'node:net';
import { localCredentials, localRegion } from './local-aws.ts';
import { MissingJavaError } from './java.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import { folderImportListener } from '../../bin/import-progress.ts';

// Local tooling runs on Node 20 knowingly (Lambda runs 22); the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `npm start | head` or a closed terminal: the stack keeps serving (Ctrl-C still stops it and its
// Java); only its log lines have nowhere to go. An EPIPE must not end it with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

const usage = `usage: npm start -- [options]

Runs the whole system on this machine: DynamoDB Local, the SES emulator (mailbox), the schedules on
the wall clock, the event bus and the HTTP endpoints. Ctrl-C stops everything.

options (default in brackets):
  --fresh               wipe the data folder's table before starting [keep it]
  --data-dir DIR        where the table, the mailbox and the link secret are kept
                        [env VIP_DATA_DIR, else .local/data]
  --config FILE         programme configuration [env VIP_CONFIG, else config/programme-a.json]
  --port N              HTTP base URL port (0: any free port): pages, links in mails, the vip command's endpoint
                        [env PORT, else 8787]
  --mail-port N         mailbox (SES emulator) port (0: any free port) [env VIP_MAIL_PORT, else 8788]
  --demo-accounts N     accounts in the demo data loaded into an empty table [200]
  --help                this text
`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        fresh: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        port: { type: 'string', default: process.env.PORT ?? '8787' },
        'mail-port': { type: 'string', default: process.env.VIP_MAIL_PORT ?? '8788' },
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
  const httpPort = portArgument('--port', args.port);
  const mailPort = portArgument('--mail-port', args['mail-port']);
  const running = await findRunningStack(dataDir);
  if (running) {
    console.error(`a local stack is already running for ${dataDir} (pid ${running.pid}):\n  mailbox:       ${running.sesEndpoint}/\n  HTTP base URL: ${running.httpUrl}/\nUse it (npx vip ... finds it), stop it with Ctrl-C in its terminal, or start another with --data-dir DIR --port N --mail-port N.`);
    process.exit(1);
  }
  for (const [flag, port] of [['--port', httpPort], ['--mail-port', mailPort]] as const)
    if (port !== 0 && !(await portIsFree(port))) {
      console.error(`port ${port} is in use by another program; choose another with ${flag} N`);
      process.exit(1);
    }

  const accounts = Number(args['demo-accounts']);
  let demo: DemoLoad | undefined;
  const stack = await LocalStack.start({
    config,
    dataDir,
    // Before the table's stream is on: the first start's demo load is the bulk of its time.
    beforeStream: async ({ dynamoEndpoint, tableName }) => {
      const documents = createDocumentClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials });
      console.log(`demo data (${accounts} accounts): loaded only into an empty table...`);
      // Rows per second while a large file loads (a bar on a terminal), and each file as it completes.
      const demoProgress = folderImportListener(false, (r) => console.log(`  ${r.kind}: ${r.rows} rows imported`));
      try {
        demo = await loadDemoIfEmpty({
          documents,
          tableName,
          dataDir,
          accounts,
          today: localDateOf(new Date(), config.timeZone),
          keptMonths: keptMonthCount(config.statusReview.rules),
          gifts: config.giftTasks,
          listener: demoProgress,
        });
      } finally {
        demoProgress.stop();
        documents.destroy();
      }
    },
    fresh: args.fresh,
    httpPort,
    mailPort,
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

  if (!demo) throw new Error('the local stack started without running its demo load');
  if (demo.loaded) console.log(`first start: loaded demo data (${demo.accounts} accounts): ${demo.results.map((r) => `${r.rows} ${r.kind}`).join(', ')}`);
  else console.log(`demo data skipped: ${demo.reason}`);

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

function portArgument(flag: string, value: string): number {
  const port = Number(value);
  // 0 asks the system for any free port (tests run several stacks at once).
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${flag} ${value}: expected a port number 1-65535 (or 0 for any free port)\n${usage}`);
    process.exit(2);
  }
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

main().catch((error: unknown) => {
  if (error instanceof MissingJavaError) console.error(error.message);
  else console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
