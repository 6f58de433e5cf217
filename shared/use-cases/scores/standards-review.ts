import type { IsoDate } from '../../domain/calendar-date.ts';
import { localDateOf } from '../../domain/local-date.ts';
import { closedLoopFigures } from '../../domain/scores/closed-loop-figures.ts';
import type { QuarterScores } from '../../domain/scores/quarter-scores.ts';
import { standardsReview, type StandardsReview } from '../../domain/scores/standards-review.ts';
import { parseQuarterKey, previousQuarter, quarterOf, type QuarterKey } from '../../domain/surveys/quarter.ts';
import { segmentScoresChartSpec, type ScorePoint } from '../../charts/scores-charts.ts';
import { measureLabel, reviewChartContentId, segmentLabel, standardsReviewMail, type ReviewLanguage } from '../../mail/standards-review-mail.ts';
import type { ChartRenderer } from '../../ports/chart-renderer.ts';
import type { MailIdOf, OutboxMail } from '../../ports/outbox.ts';
import type { StandardsStore } from '../../ports/score-store.ts';
import type { ClosedLoopSource, ProgrammeSource, ReviewArchive } from '../../ports/standards-review.ts';
import type { ScoresConfig } from '../../schemas/scores-config.ts';
import { readQuarterScores, type ScoreReadPorts } from './read-quarter-scores.ts';
import { standardsHistory } from './standards.ts';

export interface ReviewReadPorts extends ScoreReadPorts {
  readonly standards: StandardsStore;
  readonly scoresConfig: ScoresConfig;
  readonly closedLoop: ClosedLoopSource;
  readonly programme: ProgrammeSource;
}

const managersOf = (scores: QuarterScores) => scores.segments.filter((s) => s.dimension === 'manager').map((s) => s.value);

/**
 * Computes a quarter's standards review: the scores of this quarter and the one before (counters,
 * O(segments)), the standards, the closed-loop cases of both (by manager through the case index),
 * and the programme's figures of the quarter's year.
 */
export async function computeStandardsReview(quarter: string, today: IsoDate, ports: ReviewReadPorts): Promise<StandardsReview> {
  const q = parseQuarterKey(quarter);
  const view = await readQuarterScores(q, ports);
  const [standards, cases, previousCases, programme] = await Promise.all([
    standardsHistory({ standards: ports.standards, config: ports.scoresConfig }),
    ports.closedLoop.casesOf(q, managersOf(view.current)),
    ports.closedLoop.casesOf(view.previousQuarter, managersOf(view.previous)),
    ports.programme.figures(Number(q.slice(0, 4))),
  ]);
  return standardsReview({
    current: view.current,
    previous: view.previous,
    changes: view.changes,
    standards,
    closedLoop: closedLoopFigures(cases, today),
    previousClosedLoop: closedLoopFigures(previousCases, today),
    programme,
  });
}

export interface ReviewMailPorts extends ReviewReadPorts {
  readonly archive: ReviewArchive;
  readonly charts: ChartRenderer;
  readonly language: ReviewLanguage;
  readonly tierNames: Readonly<Record<string, string>>;
  readonly leadershipAddress: string;
  readonly dashboardUrl?: string;
  readonly mailIdOf: MailIdOf;
  /**
   * The wall clock, for the outbox record only: the sender compares due times with its own clock,
   * so a review run on a simulated date is still mailed now (docs/decisions.md, issue 7).
   */
  readonly wallClock: () => Date;
}

/** The main chart: NPS, CSI and CES of all clients and of each shown tier, with intervals and targets. */
export function reviewChartPoints(review: StandardsReview, language: ReviewLanguage, tierNames: Readonly<Record<string, string>>): ScorePoint[] {
  return review.rows
    .filter((r) => (r.segment === 'all#all' || r.segment.startsWith('tier#')) && (r.measure === 'nps' || r.measure === 'csi' || r.measure === 'ces') && r.value !== undefined)
    .map((r) => ({
      segment: segmentLabel(r.segment, language, tierNames),
      measure: measureLabel(r.measure, language),
      value: r.value!,
      ...(r.low !== undefined && { low: r.low, high: r.high! }),
      ...(r.target !== undefined && { target: r.target }),
      smallSample: r.visibility === 'small-sample',
    }));
}

/** The review mail with its chart as an inline PNG. Its id is the quarter's, so it is queued once. */
export async function reviewMail(review: StandardsReview, ports: Pick<ReviewMailPorts, 'charts' | 'language' | 'tierNames' | 'leadershipAddress' | 'dashboardUrl' | 'scoresConfig' | 'mailIdOf'>): Promise<OutboxMail> {
  const title = ports.language === 'ru' ? `Оценки клиентов, ${review.quarter}` : `Client scores, ${review.quarter}`;
  const png = await ports.charts.png(segmentScoresChartSpec(reviewChartPoints(review, ports.language, ports.tierNames), { title, language: ports.language }));
  const content = standardsReviewMail({
    review,
    language: ports.language,
    tierNames: ports.tierNames,
    floors: { hideBelow: ports.scoresConfig.hideBelow, smallSampleBelow: ports.scoresConfig.smallSampleBelow },
    ...(ports.dashboardUrl && { dashboardUrl: `${ports.dashboardUrl}?quarter=${review.quarter}` }),
  });
  return {
    mailId: ports.mailIdOf(`standards-review/${review.quarter}`),
    kind: 'standards-review',
    to: ports.leadershipAddress,
    ...content,
    attachments: [{ fileName: `standards-review-${review.quarter}.png`, contentType: 'image/png', contentId: reviewChartContentId, base64: Buffer.from(png).toString('base64') }],
  };
}

export type ReviewRunOutcome = { quarter: QuarterKey; outcome: 'mailed' | 'already-mailed' | 'wave-open' | 'no-wave' };

/**
 * The daily check: a wave whose close has passed gets its review computed and mailed, once. It
 * looks at this quarter's wave and the previous one (a wave may close in the next quarter).
 */
export async function reviewClosedWaves(now: Date, timeZone: string, ports: ReviewMailPorts): Promise<ReviewRunOutcome[]> {
  const today = localDateOf(now, timeZone);
  const current = quarterOf(today);
  const outcomes: ReviewRunOutcome[] = [];
  for (const quarter of [previousQuarter(current), current]) {
    const wave = await ports.store.wave(quarter);
    if (!wave || wave.closesAt === undefined) {
      outcomes.push({ quarter, outcome: 'no-wave' });
      continue;
    }
    if (Date.parse(wave.closesAt) > now.getTime()) {
      outcomes.push({ quarter, outcome: 'wave-open' });
      continue;
    }
    if (await ports.archive.saved(quarter)) {
      outcomes.push({ quarter, outcome: 'already-mailed' });
      continue;
    }
    const review = await computeStandardsReview(quarter, today, ports);
    const saved = await ports.archive.save(review, await reviewMail(review, ports), ports.wallClock().toISOString());
    outcomes.push({ quarter, outcome: saved === 'saved' ? 'mailed' : 'already-mailed' });
  }
  return outcomes;
}

