import { signGiftLink, type GiftLinkAction, type OwnerLinkAction, type TaskLinkAction } from '../../domain/gifts/task-link.ts';
import type { TaskLinkIds, TaskLinks } from '../../ports/link-signer.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';

/** `<base>/<token>` on the gift-task endpoint, signed with the current key of the link keyring. */
export class SignedTaskLinks implements TaskLinks {
  constructor(
    private readonly baseUrl: string,
    private readonly signers: TokenSignerSource,
    private readonly ids: TaskLinkIds,
  ) {}

  async url(task: { readonly taskId: string; readonly linkId?: string }, action: TaskLinkAction, expiresAt: Date): Promise<string> {
    // A task issued with its link id carries it; an older one gets one now (a read and a write).
    return this.sign(task.linkId ?? (await this.ids.linkIdOf(task.taskId)), action, expiresAt);
  }

  ownerUrl(ref: string, action: OwnerLinkAction, expiresAt: Date): Promise<string> {
    return this.sign(ref, action, expiresAt);
  }

  private async sign(ref: string, act: GiftLinkAction, expiresAt: Date): Promise<string> {
    const token = signGiftLink({ ref, act, exp: Math.floor(expiresAt.getTime() / 1000) }, await this.signers.signer());
    return `${this.baseUrl.replace(/\/$/, '')}/${token}`;
  }
}
