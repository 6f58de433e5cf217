import { Command, InvalidArgumentError } from 'commander';
import { DynamoAnswerSource } from '../../shared/adapters/dynamodb/answer-source.ts';
import { DynamoScoreStore } from '../../shared/adapters/dynamodb/score-store.ts';
import { DynamoStandardsStore } from '../../shared/adapters/dynamodb/standards-store.ts';
import { InvalidQuarterError, parseQuarterKey, quarterOf } from '../../shared/domain/surveys/quarter.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { measureRange } from '../../shared/domain/scores/standards.ts';
import { countingRulesOf, reviewPorts } from '../../shared/runtime/scores-ports.ts';
import { rebuildScores } from '../../shared/use-cases/scores/rebuild-scores.ts';
import { computeStandardsReview } from '../../shared/use-cases/scores/standards-review.ts';
import { InvalidStandardError, setStandard, standardsHistory, standardsInForceFor } from '../../shared/use-cases/scores/standards.ts';
import { segmentLabel } from '../../shared/mail/standards-review-mail.ts';
import { defaults, resolveConfig, withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson, printTable } from '../output.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

const parseQuarter = (value: string) => {
  try {
    return parseQuarterKey(value);
  } catch (error) {
    if (error instanceof InvalidQuarterError) throw new InvalidArgumentError(error.message);
    throw error;
  }
};

/** A target as every format writes it: the same snake_case fields in a table, CSV and JSON. */
function standardRow(r: { measure: string; tier?: string; target: number; fromQuarter?: string; setAt?: string; setBy: string; reason: string }) {
  return { measure: r.measure, tier: r.tier ?? 'all tiers', target: r.target, from_quarter: r.fromQuarter ?? 'config', set_at: r.setAt ?? 'config', set_by: r.setBy, reason: r.reason };
}

export function scoresCommand(globals: () => GlobalOptions): Command {
  const scores = new Command('scores').description('survey scores per wave and segment');
  scores
    .command('rebuild')
    .description("recompute a wave's counters from its stored answers (run it when no answers arrive, e.g. after the wave closed)")
    .requiredOption('--quarter <quarter>', 'the wave, e.g. 2027-Q1', parseQuarter)
    .action(async (options: { quarter: string }) => {
      const result = await withTarget(globals(), (t) =>
        rebuildScores(options.quarter, { store: new DynamoScoreStore(t.documents, t.tableName), answers: new DynamoAnswerSource(t.documents, t.tableName), rules: countingRulesOf(t.config) }),
      );
      if (globals().json) return printJson({ quarter: options.quarter, ...result });
      console.log(`${options.quarter}: ${result.answers} answers counted into ${result.segments} segments`);
    });
  return scores;
}

export function standardsCommand(globals: () => GlobalOptions): Command {
  const standards = new Command('standards').description('service standards: targets per measure (and tier), kept as versions');
  standards
    .command('list')
    .description('the targets in force in a quarter (default: the current one)')
    .option('--quarter <quarter>', 'e.g. 2027-Q2', parseQuarter)
    .addOption(formatOption())
    .action(async (options: { quarter?: string; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const config = resolveConfig(globals());
      const quarter = options.quarter ?? quarterOf(localDateOf(new Date(), config.timeZone));
      const tiers = config.statusReview.rules.tiers.map((t) => t.id);
      const records = await withTarget(globals(), (t) => standardsInForceFor(quarter, tiers, { standards: new DynamoStandardsStore(t.documents, t.tableName), config: t.config.scores }));
      if (format === 'table') console.log(`targets in force in ${quarter}`);
      printReport(format, records.map((r) => ({ quarter, ...standardRow(r) })));
    });
  standards
    .command('history')
    .description('every version of every target: the programme config first, then each recorded change')
    .addOption(formatOption())
    .action(async (options: { format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const records = await withTarget(globals(), (t) => standardsHistory({ standards: new DynamoStandardsStore(t.documents, t.tableName), config: t.config.scores }));
      printReport(format, records.map(standardRow));
    });
  standards
    .command('set')
    .description(`record a new target: ${Object.entries(measureRange).map(([m, r]) => `${m} ${r.min}..${r.max}`).join(', ')}`)
    .argument('<measure>', 'nps | csi | ces | response-rate | closed-loop-sla')
    .argument('<target>', 'the target value')
    .requiredOption('--from <quarter>', 'first quarter it applies to, e.g. 2027-Q2')
    .option('--reason <text>', 'why it changes (required)')
    .option('--by <email>', 'who decided (required)')
    .option('--tier <tier>', 'only for this tier')
    .action(async (measure: string, targetText: string, options: { from: string; reason?: string; by?: string; tier?: string }) => {
      const config = resolveConfig(globals());
      const target = Number(targetText.replace(',', '.'));
      const request = { measure, target, fromQuarter: options.from, reason: options.reason, by: options.by, tier: options.tier, at: new Date().toISOString() };
      const tiers = config.statusReview.rules.tiers.map((t) => t.id);
      // Everything is checked before the table is touched (a dry run against a store that keeps nothing).
      const dryRun = { records: async () => [], add: async () => {} };
      const problems = Number.isNaN(target) ? [`target "${targetText}" is not a number`] : await problemsOf(() => setStandard(request, { standards: dryRun, tiers }));
      if (problems.length) {
        console.error(`error: the target was not recorded:\n${problems.map((p) => `  ${p}`).join('\n')}`);
        process.exitCode = 2;
        return;
      }
      const record = await withTarget(globals(), (t) => setStandard(request, { standards: new DynamoStandardsStore(t.documents, t.tableName), tiers }));
      if (globals().json) return printJson(record);
      console.log(`${record.measure}${record.tier ? ` (${record.tier})` : ''}: target ${record.target} from ${record.fromQuarter}, set by ${record.setBy}: ${record.reason}`);
    });
  return standards;
}

async function problemsOf(check: () => Promise<unknown>): Promise<string[]> {
  try {
    await check();
    return [];
  } catch (error) {
    if (error instanceof InvalidStandardError) return error.message.split('\n');
    throw error;
  }
}

export function standardsReviewReportCommand(globals: () => GlobalOptions): Command {
  return new Command('standards-review')
    .description("a quarter's standards review: measures per segment beside targets, significant changes, closed loop, the programme, findings and proposals")
    .requiredOption('--quarter <quarter>', 'e.g. 2027-Q1', parseQuarter)
    .addOption(formatOption())
    .action(async (options: { quarter: string; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const review = await withTarget(globals(), (t) => {
        const ports = reviewPorts(t.documents, t.tableName, t.config, { leadershipAddress: process.env.VIP_LEADERSHIP_ADDRESS ?? defaults.leadershipAddress });
        return computeStandardsReview(options.quarter, localDateOf(new Date(), t.config.timeZone), ports);
      });
      // JSON is the whole review (a document, not rows); CSV its measures per segment, one row each.
      if (format === 'json') return printJson(review);
      if (format === 'csv')
        return printReport(
          'csv',
          review.rows.map((r) => ({ quarter: review.quarter, segment: r.segment, measure: r.measure, n: r.n, value: r.value, low: r.low, high: r.high, method: r.method, target: r.target, status: r.status, visibility: r.visibility })),
        );
      const config = resolveConfig(globals());
      const tierNames = Object.fromEntries(config.statusReview.rules.tiers.map((t) => [t.id, t.name]));
      const label = (id: string) => segmentLabel(id, 'en', tierNames);
      console.log(`standards review ${review.quarter} (against ${review.previousQuarter}): ${review.answered} answers of ${review.invited ?? '-'} invitations`);
      console.log('');
      printTable(
        review.rows.map((r) => ({
          segment: label(r.segment),
          measure: r.measure,
          n: r.n ?? '',
          value: r.value ?? '',
          interval: r.low !== undefined ? `${r.low} .. ${r.high} (${r.method})` : '',
          target: r.target ?? '',
          status: r.visibility === 'small-sample' && r.status !== 'hidden' ? `${r.status}, small sample` : r.status,
        })),
      );
      console.log('\nsignificant changes');
      printTable(review.changes.map((c) => ({ segment: label(c.segment), measure: c.measure, difference: c.difference, interval: `${c.low} .. ${c.high}` })));
      console.log('\nfindings (below target)');
      printTable(review.findings.map((f) => ({ segment: label(f.segment), measure: f.measure, value: f.value, target: f.target, clearly_below: f.clearlyBelow ? 'yes' : 'no' })));
      console.log('\nproposals (above target two quarters in a row)');
      printTable(review.proposals.map((p) => ({ segment: label(p.segment), measure: p.measure, target: p.currentTarget, proposed: p.proposedTarget, values: p.values.join(', ') })));
      console.log('\nclosed loop');
      printTable([{ ...review.closedLoop }]);
      console.log(`\nVIP programme ${review.programme.year}`);
      printTable(review.programme.vipByTier.map((t) => ({ tier: tierNames[t.tier] ?? t.tier, vip_accounts: t.accounts })));
      printTable(review.programme.statusChanges);
      printTable(review.programme.giftsByTier.map((g) => ({ tier: tierNames[g.tier] ?? g.tier, spent_rub: g.spentKopecks / 100, reserved_rub: g.reservedKopecks / 100 })));
      console.log(`gift budget of the year: ${review.programme.budgetKopecks / 100} RUB`);
    });
}
