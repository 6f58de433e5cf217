import { passedByRuns } from '../../domain/gifts/gift-due.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { GiftStore } from '../../ports/gift-store.ts';
import type { OccasionsImportedNotifier } from '../../ports/occasions-imported.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';

export interface LateImportPorts {
  readonly store: Pick<GiftStore, 'watermark'>;
  readonly events: EventPublisher;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
}

/**
 * The gift workflow's side of a contacts or company-dates import: an occasion written after the
 * daily runs passed its issue day (the account already VIP) is in the due index, but no run reads
 * that day again. Each account with such an occasion gets one event, and the late grant
 * (`late-grant.ts`, on that event) issues it; occasions whose issue day is still ahead are the runs' job.
 */
export function lateImportNotifier(ports: LateImportPorts): OccasionsImportedNotifier {
  return {
    async occasionsImported(occasions) {
      if (!occasions.length) return 0;
      const watermark = await ports.store.watermark();
      // No run has read any day yet: the first one reads its look-ahead, these occasions with it.
      if (!watermark) return 0;
      const importedAt = ports.now();
      const today = localDateOf(importedAt, ports.config.timeZone);
      const leapRule = ports.config.giftTasks.leapDayInCommonYears;
      const accounts = [...new Set(occasions.filter((o) => passedByRuns(o.due, today, watermark, leapRule)).map((o) => o.accountId))].sort();
      await ports.events.publish(
        accounts.map((accountId) => ({ source: eventSources.imports, detailType: eventTypes.giftOccasionsImported, detail: { accountId, importedAt: importedAt.toISOString() } })),
      );
      return accounts.length;
    },
  };
}
