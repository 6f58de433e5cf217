import type { TaskLinkAction } from '../domain/gifts/task-link.ts';

/** Makes the signed, expiring URLs put into task mails. */
export interface TaskLinks {
  url(taskId: string, action: TaskLinkAction, expiresAt: Date): Promise<string>;
}

/** Where the signing secret comes from: the environment locally, Secrets Manager on AWS. */
export interface LinkSecretSource {
  secret(): Promise<string>;
}
