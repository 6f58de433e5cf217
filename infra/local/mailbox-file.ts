import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The SES emulator's in-process store (its `/store` page reads the same array). */
interface EmulatorStore {
  readonly emails: unknown[];
}
const require = createRequire(import.meta.url);
const { getStoreReadonly } = require('aws-ses-v2-local/dist/store') as { getStoreReadonly: () => EmulatorStore };

/**
 * Keeps the emulator's mailbox in the data folder, one mail per line, so a restart of `npm start`
 * (or a `vip` command that ran its own emulators) shows every mail sent before. The emulator keeps
 * mail only in memory and has no import call: earlier mails are put back into its store at start,
 * and new ones are appended as they arrive.
 */
export function keepMailboxIn(file: string, everyMs = 500): { flush(): void; stop(): void } {
  const store = getStoreReadonly();
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) {
        try {
          store.emails.push(JSON.parse(line));
        } catch {
          // A line cut short by a crash mid-write is the one mail that cannot come back.
        }
      }
  let saved = store.emails.length;
  const flush = () => {
    const fresh = store.emails.slice(saved);
    if (fresh.length) appendFileSync(file, fresh.map((m) => `${JSON.stringify(m)}\n`).join(''), { mode: 0o600 });
    saved += fresh.length;
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return {
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
