import { signTaskLink, type TaskLinkAction } from '../../domain/gifts/task-link.ts';
import type { LinkSecretSource, TaskLinks } from '../../ports/link-signer.ts';

export class SignedTaskLinks implements TaskLinks {
  constructor(
    private readonly baseUrl: string,
    private readonly secrets: LinkSecretSource,
  ) {}

  async url(taskId: string, action: TaskLinkAction, expiresAt: Date): Promise<string> {
    const token = signTaskLink({ taskId, action, exp: Math.floor(expiresAt.getTime() / 1000) }, await this.secrets.secret());
    return `${this.baseUrl.replace(/\/$/, '')}/${token}`;
  }
}
