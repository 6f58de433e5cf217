/** What every benchmark shares: the emulators with its tables, the machine line, the number formats. */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startEmulators, type RunningEmulators } from '../infra/local/emulators.ts';
import { localCredentials, localRegion } from '../infra/local/local-aws.ts';
import { ensureTable } from '../shared/adapters/dynamodb/ensure-table.ts';

export interface BenchStack {
  readonly emulators: RunningEmulators;
  readonly endpoint: { readonly endpoint: string; readonly region: string; readonly credentials: typeof localCredentials };
}

/** DynamoDB Local in memory (and the SES emulator) with the given tables; stopped when `work` ends, however it ends. */
export async function withBenchStack<T>(tables: readonly string[], work: (stack: BenchStack) => Promise<T>): Promise<T> {
  const emulators = await startEmulators();
  try {
    const endpoint = { endpoint: emulators.dynamoEndpoint, region: localRegion, credentials: localCredentials };
    const raw = new DynamoDBClient(endpoint);
    // No stream: benchmarks drive their use cases directly, and DynamoDB Local writes several
    // times slower with one, which would be measured as the design's cost but is not AWS's.
    for (const name of tables) await ensureTable(raw, name, { stream: false });
    raw.destroy();
    return await work({ emulators, endpoint });
  } finally {
    await emulators.stop();
  }
}

/** Other work on the machine slows DynamoDB Local down; the load average says whether there was any. */
export function loadAverage(): string {
  const [one = 0, five = 0] = os.loadavg();
  return `load average ${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min)`;
}

export function machineLine(): string {
  return `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; DynamoDB Local in memory; ${loadAverage()}`;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function secs(s: number): string {
  return s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`;
}
