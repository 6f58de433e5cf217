import type { OwnerLinkAction, TaskLinkAction } from '../domain/gifts/task-link.ts';
import type { CaseLinks } from '../mail/survey-case-mail.ts';

/** Makes the signed, expiring URLs put into task and owner mails. */
export interface TaskLinks {
  /** A manager's link to a task; the URL names the task only by its opaque link id. */
  url(task: { readonly taskId: string; readonly linkId?: string }, action: TaskLinkAction, expiresAt: Date): Promise<string>;
  /** A line owner's link: `ref` is a task's link id (overrun) or an approval request's id. */
  ownerUrl(ref: string, action: OwnerLinkAction, expiresAt: Date): Promise<string>;
}

/** Where the signing secret comes from: the environment locally, Secrets Manager on AWS. */
export interface LinkSecretSource {
  secret(): Promise<string>;
}

/** The opaque ids task links carry, and the way back from one to its task. */
export interface TaskLinkIds {
  /** The task's link id, given to it (with the pointer back) the first time. */
  linkIdOf(taskId: string): Promise<string>;
  /** The task a link id points to; undefined when none does. */
  taskOf(linkId: string): Promise<string | undefined>;
}

/** A closed-loop case's two signed links for its manager (contacted, resolved); the case is named by its opaque id only. */
export interface CaseLinkSigner {
  linksFor(caseId: string, openedAt: string): Promise<CaseLinks>;
}
