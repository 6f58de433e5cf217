import { verifyGiftLink, type OwnerLinkAction, type TaskLinkAction } from '../../domain/gifts/task-link.ts';
import type { TaskLinkPage } from '../../mail/task-link-page.ts';
import { taskPages } from '../../mail/task-page.ts';
import type { BudgetRequests } from '../../ports/budget-requests.ts';
import type { GiftStore } from '../../ports/gift-store.ts';
import type { TaskLinkIds, TaskLinks } from '../../ports/link-signer.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { MailIdOf } from '../../ports/outbox.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import { handleOwnerLink } from './owner/owner-link.ts';
import { handleTaskAction } from './task-action.ts';

export interface TaskLinkRequest {
  readonly method: string;
  /** Undefined when the link's address is damaged (a malformed %-escape). */
  readonly token: string | undefined;
  /** The submitted form (POST), already decoded. */
  readonly form: Readonly<Record<string, string>>;
}

export interface TaskLinkPorts {
  readonly store: GiftStore;
  readonly tokens: TokenSignerSource;
  readonly ids: TaskLinkIds;
  readonly managers: ManagerDirectory;
  readonly requests: BudgetRequests;
  /** Signs the owner's links in the overrun mail. */
  readonly links: TaskLinks;
  readonly mailIdOf: MailIdOf;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * Every link of the gift-task endpoint: a manager's task links (done, cancel) and a line owner's
 * decisions (an overrun, a request for budget). The signature is checked before anything is read;
 * GET shows a confirmation form, only POST acts; anything not quite right gets a page saying so.
 */
export async function handleTaskLink(request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  const language = ports.config.languages[0] ?? 'ru';
  if (request.token === undefined) return taskPages.damaged(language);
  const verification = verifyGiftLink(request.token, await ports.tokens.signer(), ports.now());
  if (!verification.ok) {
    ports.log?.('gift link refused', { reason: verification.reason });
    return verification.reason === 'expired' ? taskPages.expired(language) : taskPages.invalid(language);
  }
  if (request.method !== 'GET' && request.method !== 'POST') return taskPages.methodNotAllowed(language);
  const { ref, act } = verification.claims;
  return act === 'done' || act === 'cancel'
    ? handleTaskAction(ref, act satisfies TaskLinkAction, request, ports)
    : handleOwnerLink(ref, act satisfies OwnerLinkAction, request, ports);
}
