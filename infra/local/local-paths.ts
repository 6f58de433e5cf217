import { join, resolve } from 'node:path';

/** Where things are, in a module of its own so a `vip` command can know them without loading the local stack. */
export const repositoryRoot = resolve(import.meta.dirname, '../..');

/** Where a data folder keeps the mails the local stack sent, so a restart still shows them. */
export function mailboxFileOf(dataDir: string): string {
  return join(dataDir, 'mailbox.jsonl');
}
