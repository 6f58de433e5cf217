/**
 * Point 8 of issue 8, cheaply: the demo answers of a simulated year, folded by the same counting
 * and scoring code as the real counters, give four quarters whose tiers differ the way the
 * dashboard's segments page shows them (both tiers shown, the higher one scoring higher).
 */
import { describe, expect, it } from 'vitest';
import { demoAnswer, demoAnswerSeed, demoAnswerShare, demoCaseSteps, demoTierRank } from '../../shared/demo/demo-answers.ts';
import { caseDates } from '../../shared/domain/surveys/closed-loop.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import type { SurveyCaseStore } from '../../shared/ports/survey-answers.ts';
import { followUpDemoCases } from '../../shared/use-cases/surveys/demo-answers.ts';
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

/** Cases in memory, written only if still as read (as the DynamoDB store's condition does). */
class InMemoryCases implements Pick<SurveyCaseStore, 'findCase' | 'allCases' | 'replaceCase'> {
  readonly cases = new Map<string, SurveyCase>();
  async findCase(caseId: string) {
    return this.cases.get(caseId);
  }
  async allCases() {
    return [...this.cases.values()];
  }
  async replaceCase(previous: SurveyCase, next: SurveyCase) {
    const now = this.cases.get(previous.caseId);
    if (now?.state !== previous.state) return 'changed' as const;
    this.cases.set(next.caseId, next);
    return 'recorded' as const;
  }
}

describe('the demo managers', () => {
  const openedAt = '2027-01-13T03:00:00.000Z';
  const kase = (caseId: string): SurveyCase => ({
    caseId, waveKey: '2027-Q1', accountId: `A-${caseId}`, managerId: 'M001', state: 'open', reasons: [{ kind: 'nps', score: 3 }],
    scores: { nps: 3, ces: 5, csi: {} }, mayContact: false, openedAt, openedOn: '2027-01-13',
    dates: caseDates('2027-01-13', config.surveys.closedLoop), reminded: false, escalated: false,
  });
  const hoursAfter = (h: number) => new Date(Date.parse(openedAt) + h * 3_600_000);

  it('mostly call within the SLA, some late, a few only after weeks, and settle every case within 90 days', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => demoCaseSteps(`case-${i}`, demoAnswerSeed));
    const share = (test: (s: (typeof steps)[number]) => boolean) => steps.filter(test).length / steps.length;
    // The SLA is 2 working days: within 40 hours of the answer is always in time.
    expect(share((s) => s.contactedAfterHours <= 40)).toBeGreaterThan(0.7);
    expect(share((s) => s.contactedAfterHours >= 4 * 24)).toBeGreaterThan(0.15);
    expect(share((s) => s.resolvedAfterHours > 30 * 24)).toBeGreaterThan(0.05);
    // Waves are ~91 days apart: a case settled within 90 days of the answer rarely overlaps the next wave.
    expect(Math.max(...steps.map((s) => s.resolvedAfterHours))).toBeLessThan(90 * 24);
    for (const s of steps) expect(s.resolvedAfterHours).toBeGreaterThan(s.contactedAfterHours);
  });

  it('record "contacted" and "resolved" through the case link use case as the simulated clock reaches each step', async () => {
    const store = new InMemoryCases();
    for (let i = 0; i < 40; i++) store.cases.set(`case-${i}`, kase(`case-${i}`));
    const ports = { cases: store as unknown as SurveyCaseStore, managers: { getManagers: async () => new Map() }, survey: config.surveys, leadershipLanguage: 'en' as const };
    const early = await followUpDemoCases({ until: hoursAfter(48), seed: demoAnswerSeed }, ports);
    expect(early.contacted).toBeGreaterThan(20);
    expect(early.resolved).toBe(0);
    const contacted = [...store.cases.values()].filter((c) => c.state === 'contacted');
    expect(contacted).toHaveLength(early.contacted);
    for (const c of contacted) expect(Date.parse(c.contactedAt!)).toBe(hoursAfter(demoCaseSteps(c.caseId, demoAnswerSeed).contactedAfterHours).getTime());

    const late = await followUpDemoCases({ until: hoursAfter(90 * 24), seed: demoAnswerSeed }, ports);
    expect(early.contacted + late.contacted).toBe(40);
    expect(late.resolved).toBe(40);
    expect([...store.cases.values()].every((c) => c.state === 'resolved' && c.contactNote && c.resolutionNote)).toBe(true);
    // Run again: nothing is recorded twice.
    expect(await followUpDemoCases({ until: hoursAfter(90 * 24), seed: demoAnswerSeed }, ports)).toEqual({ contacted: 0, resolved: 0 });
  });
});
