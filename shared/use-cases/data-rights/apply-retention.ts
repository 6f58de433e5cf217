import { forgetActionFor, needsRedaction, type ItemKind, type Redaction, type StoredItem } from '../../domain/data-rights/personal-items.ts';
import { olderThan, retention } from '../../domain/data-rights/retention.ts';
import { previousQuarter, quarterOf, type QuarterKey } from '../../domain/surveys/quarter.ts';
import type { IsoDate } from '../../domain/calendar-date.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { RetentionStore } from '../../ports/personal-data.ts';

export interface RetentionReport {
  /** Items whose personal details were removed, by kind. */
  readonly redacted: Partial<Record<ItemKind, number>>;
  /** The quarters whose answer comments were looked at. */
  readonly answerQuarters: readonly QuarterKey[];
}

/** Quarters of answer comments a monthly run looks back over past the kept ones (a missed run is caught up). */
const answerQuartersChecked = 4;

/** The scheduled run: its day is the schedule's fire time in the programme's time zone. */
export function applyRetentionAt(scheduledTime: Date, timeZone: string, ports: { readonly store: RetentionStore; readonly now: () => Date }): Promise<RetentionReport> {
  return applyRetention(localDateOf(scheduledTime, timeZone), ports);
}

/**
 * The monthly retention run, for what has no natural end when it is written (docs/data-model.md,
 * "Retention"): a resolved case loses the contact details and notes a year after it was resolved,
 * a closed gift task the names two years after its occasion, an answer its comment four quarters
 * after its wave. Re-running it changes nothing more.
 */
export async function applyRetention(today: IsoDate, ports: { readonly store: RetentionStore; readonly now: () => Date }): Promise<RetentionReport> {
  const now = ports.now();
  const redacted: Partial<Record<ItemKind, number>> = {};
  const apply = async (items: readonly StoredItem[], kind: ItemKind, due: (item: StoredItem) => boolean, redaction: Redaction) => {
    for (const item of items)
      if (due(item) && needsRedaction(item, redaction) && (await ports.store.redact(item, redaction))) redacted[kind] = (redacted[kind] ?? 0) + 1;
  };
  await apply(await ports.store.resolvedCases(), 'survey-case', (c) => typeof c.resolvedAt === 'string' && olderThan(c.resolvedAt, retention.resolvedCaseDays, now), redactionOf('survey-case'));
  await apply(await ports.store.closedTasks(), 'gift-task', (t) => typeof t.occasionDate === 'string' && olderThan(t.occasionDate, retention.closedTaskDays, now), redactionOf('gift-task'));

  let quarter = quarterOf(today);
  // Waves more than four whole quarters before the current one.
  for (let i = 0; i <= retention.answerCommentQuarters; i++) quarter = previousQuarter(quarter);
  const answerQuarters: QuarterKey[] = [];
  for (let i = 0; i < answerQuartersChecked; i++, quarter = previousQuarter(quarter)) answerQuarters.push(quarter);
  for (const q of answerQuarters) await apply(await ports.store.answersOf(q), 'survey-answer', () => true, { remove: ['comment'], replace: {} });
  return { redacted, answerQuarters };
}

/** Ageing removes what an account forget removes from the same kind. */
function redactionOf(kind: ItemKind): Redaction {
  const action = forgetActionFor(kind, 'account');
  if (action.do !== 'redact') throw new Error(`no redaction for ${kind}`);
  return action.redaction;
}
