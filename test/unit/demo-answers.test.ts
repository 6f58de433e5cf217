/**
 * Point 8 of issue 8, cheaply: the demo answers of a simulated year, folded by the same counting
 * and scoring code as the real counters, give four quarters whose tiers differ the way the
 * dashboard's segments page shows them (both tiers shown, the higher one scoring higher).
 */
import { describe, expect, it } from 'vitest';
import { demoAnswer, demoAnswerSeed, demoAnswerShare, demoTierRank } from '../../shared/demo/demo-answers.ts';
import { addCounters, emptyCounters } from '../../shared/domain/scores/score-counters.ts';
import { quarterScores, type SegmentCounters, type SegmentScores } from '../../shared/domain/scores/quarter-scores.ts';
import { segmentId } from '../../shared/domain/scores/segments.ts';
import { answerFormSchema } from '../../shared/schemas/survey-answer-form.ts';
import { incrementsOf } from '../../shared/use-cases/scores/count-answer.ts';
import { programmeA as config } from '../fixtures/accounts.ts';

const tierIds = config.statusReview.rules.tiers.map((t) => t.id);
const attributes = config.surveys.questions.csi.attributes;
const rules = { csiAttributes: attributes, closedLoop: config.surveys.closedLoop };
const floors = { hideBelow: config.scores.hideBelow, smallSampleBelow: config.scores.smallSampleBelow };
const shape = { csiAttributeIds: attributes.map((a) => a.id), commentMaxLength: config.surveys.questions.comment.maxLength };
/** The answer form's own schema, built once: a demo answer must be one the form accepts. */
const form = answerFormSchema(shape, 'ru');
/** A demo wave's invitees by tier, as `npm start`'s 200 demo accounts gave them in 2027-Q1 (none reached the top tier). */
const invitedByTier = { profitable: 78, 'highly-profitable': 47 } as const;
const quarters = ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'];

/** One wave's scores from its demo answers: each answer parsed as the form's POST is, then counted into its segments. */
function demoWave(quarter: string, salt = '') {
  const rows = new Map<string, SegmentCounters>();
  let invited = 0;
  for (const [tier, count] of Object.entries(invitedByTier))
    for (let i = 0; i < count; i++, invited++) {
      const invitationId = `${salt}${quarter}-${tier}-${i}`;
      const plan = demoAnswer({ invitationId, language: 'ru', tierRank: demoTierRank(tierIds, tier), attributeIds: shape.csiAttributeIds, openDays: config.surveys.openDays, share: demoAnswerShare, seed: demoAnswerSeed });
      if (!plan) continue;
      const answer = form.parse(plan.form);
      const segment = { tier, city: ['Irkutsk', 'Angarsk', 'Bratsk'][i % 3]!, managerId: `M00${(i % 3) + 1}`, customerType: i % 2 ? 'business' : 'private' };
      for (const increment of incrementsOf({ invitationId, segment, ...answer }, rules)) {
        const id = segmentId(increment.segment);
        rows.set(id, { segment: increment.segment, counters: addCounters(rows.get(id)?.counters ?? emptyCounters, increment.counters) });
      }
    }
  return quarterScores(quarter, [...rows.values()], { invited }, floors);
}

const tierOf = (scores: ReturnType<typeof demoWave>, tier: string): SegmentScores => scores.segments.find((s) => s.id === `tier#${tier}`)!;

describe('the demo answers of a year', () => {
  it('give four quarters of scores in which the higher tier scores higher on NPS, CSI and CES, both tiers shown', () => {
    for (const quarter of quarters) {
      const scores = demoWave(quarter);
      expect(scores.responseRate, quarter).toBeGreaterThan(30);
      const low = tierOf(scores, 'profitable');
      const high = tierOf(scores, 'highly-profitable');
      expect([low.visibility, high.visibility], quarter).not.toContain('hidden');
      for (const measure of ['nps', 'csi', 'ces'] as const) expect(high[measure]!.value, `${quarter} ${measure}`).toBeGreaterThan(low[measure]!.value);
      // Far enough apart to read off the page: more than 20 NPS points.
      expect(high.nps!.value - low.nps!.value, quarter).toBeGreaterThan(20);
    }
  });
});
