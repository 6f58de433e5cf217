import type { BudgetRequests } from '../../../ports/budget-requests.ts';
import type { GiftStore } from '../../../ports/gift-store.ts';
import type { TaskLinks } from '../../../ports/link-signer.ts';
import type { RefOfKey } from '../../../ports/key-refs.ts';
import type { ManagerDirectory } from '../../../ports/manager-directory.ts';
import type { MailIdOf, MailOutbox } from '../../../ports/outbox.ts';
import type { ProgrammeConfig } from '../../../schemas/programme-config.ts';

/** What every step of the daily gift run is given. */
export interface DailyGiftPorts {
  readonly store: GiftStore;
  readonly managers: ManagerDirectory;
  readonly outbox: MailOutbox;
  readonly links: TaskLinks;
  /** The line owners' requests for budget (shared/use-cases/gift-tasks/owner/). */
  readonly requests: BudgetRequests;
  readonly mailIdOf: MailIdOf;
  /** Names an approval request and a set of tasks in a mail's key. */
  readonly refOfKey: RefOfKey;
  /** The opaque id a new task's links carry (random: it must reveal nothing about the client). */
  readonly newLinkId: () => string;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}
