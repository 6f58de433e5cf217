import { randomUUID } from 'node:crypto';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { publishStack } from '../../infra/local/stack-state.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';
import { sharedEmulators } from './local-env.ts';

/**
 * A stack published in a data folder as `npm start` publishes it, but on the run's shared
 * emulators: `vip` commands spawned with `--data-dir` find it and use it, as an operator's do
 * beside a running `npm start`, instead of each starting a DynamoDB Local of its own (a JVM per
 * command is most of a CLI test's time on a two-core machine). test/integration/cli.test.ts keeps
 * the path where a command starts its own emulators.
 */
export async function runningStack(config: ProgrammeConfig, dataDir: string, options: { readonly onDataDir?: boolean } = {}) {
  const stack = await LocalStack.start({
    config,
    // On the data folder's own DynamoDB Local (as `npm start` runs), or on the run's shared emulators with a table of its own.
    ...(options.onDataDir ? { dataDir, handlerLogLevel: 'SILENT' as const } : { emulators: sharedEmulators(), tableName: `vip-cli-${randomUUID().slice(0, 8)}` }),
    httpPort: 0,
    senderAddress: `vip-${randomUUID().slice(0, 8)}@example.com`,
    leadershipAddress: `leadership-${randomUUID().slice(0, 8)}@example.com`,
  });
  const unpublish = publishStack(dataDir, { pid: process.pid, dynamoEndpoint: stack.dynamoEndpoint, sesEndpoint: stack.sesEndpoint, httpUrl: stack.httpUrl, tableName: stack.tableName });
  return {
    stack,
    async stop() {
      unpublish();
      await stack.stop();
    },
  };
}
