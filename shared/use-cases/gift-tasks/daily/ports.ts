import type { BudgetRequests } from '../../../ports/budget-requests.ts';
import type { GiftStore } from '../../../ports/gift-store.ts';
import type { TaskLinks } from '../../../ports/link-signer.ts';
import type { ManagerDirectory } from '../../../ports/manager-directory.ts';
import type { MailOutbox } from '../../../ports/outbox.ts';
import type { ProgrammeConfig } from '../../../schemas/programme-config.ts';

/** What every step of the daily gift run is given. */
export interface DailyGiftPorts {
  readonly store: GiftStore;
  readonly managers: ManagerDirectory;
  readonly outbox: MailOutbox;
  readonly links: TaskLinks;
  /** The line owners' requests for budget (shared/use-cases/gift-tasks/owner/). */
  readonly requests: BudgetRequests;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}
