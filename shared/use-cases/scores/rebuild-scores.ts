import { parseQuarterKey } from '../../domain/surveys/quarter.ts';
import { addCounters, emptyCounters, type ScoreCounters } from '../../domain/scores/score-counters.ts';
import { segmentId, type Segment } from '../../domain/scores/segments.ts';
import type { AnswerSource, ScoreStore } from '../../ports/score-store.ts';
import { incrementsOf, type CountingRules } from './count-answer.ts';

/**
 * Recomputes a wave's counters from its stored answers (a query of the wave's answer partition)
 * and replaces them. Run it when no answers arrive (after the wave closed): an answer counted
 * between the read and the write would be missed, or counted twice. It is not a repair for the
 * counters' idempotency, which the per-answer marker gives; it is the proof of it.
 */
export async function rebuildScores(
  quarter: string,
  ports: { readonly store: ScoreStore; readonly answers: AnswerSource; readonly rules: CountingRules },
): Promise<{ answers: number; segments: number }> {
  const q = parseQuarterKey(quarter);
  const totals = new Map<string, { segment: Segment; counters: ScoreCounters }>();
  const ids: string[] = [];
  for await (const page of ports.answers.answersOf(q))
    for (const answer of page) {
      ids.push(answer.invitationId);
      for (const { segment, counters } of incrementsOf(answer, ports.rules)) {
        const id = segmentId(segment);
        totals.set(id, { segment, counters: addCounters(totals.get(id)?.counters ?? emptyCounters, counters) });
      }
    }
  await ports.store.replaceCounters(q, [...totals.values()], ids);
  return { answers: ids.length, segments: totals.size };
}
