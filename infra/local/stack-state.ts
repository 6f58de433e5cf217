import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running `npm start` publishes in its data folder, so `vip` commands can use it instead of starting their own. */
export interface PublishedStack {
  readonly pid: number;
  readonly dynamoEndpoint: string;
  readonly sesEndpoint: string;
  readonly httpUrl: string;
  readonly tableName: string;
}

const fileName = 'stack.json';

export function publishStack(dataDir: string, stack: PublishedStack): () => void {
  const file = join(dataDir, fileName);
  writeFileSync(file, JSON.stringify(stack, null, 2));
  return () => rmSync(file, { force: true });
}

export async function findRunningStack(dataDir: string): Promise<PublishedStack | undefined> {
  let stack: PublishedStack;
  try {
    stack = JSON.parse(readFileSync(join(dataDir, fileName), 'utf8')) as PublishedStack;
  } catch {
    return undefined;
  }
  try {
    process.kill(stack.pid, 0);
    const health = await fetch(`${stack.httpUrl}/_local/health`, { signal: AbortSignal.timeout(2000) });
    return health.ok ? stack : undefined;
  } catch {
    return undefined;
  }
}
