import { giftTagOf, sameTag } from '../../domain/gifts/gift-due.ts';
import type { OccasionAccount, TaggedOccasion } from '../../ports/gift-store.ts';
import type { DailyGiftPorts } from './daily/ports.ts';

/**
 * Makes an account's entries in the due index what its status says now: a VIP account's occasions
 * that get a task carry a tag (key, tier, manager, name), every other occasion none. Reads the
 * status rather than trusting the event, so events that arrive out of order end right.
 */
export async function retagAccount(
  accountId: string,
  ports: Pick<DailyGiftPorts, 'store' | 'config'>,
): Promise<{ account: OccasionAccount | undefined; occasions: TaggedOccasion[]; retagged: number }> {
  const account = (await ports.store.accounts([accountId])).get(accountId);
  const occasions = await ports.store.occasionsOfAccount(accountId);
  let retagged = 0;
  const now: TaggedOccasion[] = [];
  for (const one of occasions) {
    const tag = account ? giftTagOf(one.occasion, account, ports.config.giftTasks) : undefined;
    if (!sameTag(tag, one.tag)) {
      await ports.store.setGiftTag(accountId, one.itemSk, tag);
      retagged++;
    }
    now.push({ occasion: one.occasion, itemSk: one.itemSk, ...(tag && { tag }) });
  }
  return { account, occasions: now, retagged };
}
