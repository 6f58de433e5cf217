import { Command, InvalidArgumentError } from 'commander';
import { DynamoSurveyReport } from '../../shared/adapters/dynamodb/survey-report.ts';
import { InvalidQuarterError, parseQuarterKey, type QuarterKey } from '../../shared/domain/surveys/quarter.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, share, type OutputFormat } from '../format.ts';

function parseQuarter(value: string): QuarterKey {
  try {
    return parseQuarterKey(value);
  } catch (error) {
    if (error instanceof InvalidQuarterError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

export function surveyWavesCommand(globals: () => GlobalOptions): Command {
  return new Command('survey-waves')
    .description('survey waves: invited, sent, bounced, suppressed, unsubscribed, answered, response rate')
    .option('--quarter <quarter>', 'only this wave, e.g. 2027-Q1', parseQuarter)
    .addOption(formatOption())
    .action(async (options: { quarter?: QuarterKey; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const rows = await withTarget(globals(), (t) =>
        new DynamoSurveyReport(t.documents, t.tableName).report(options.quarter ? [options.quarter] : undefined, localDateOf(new Date(), t.config.timeZone)),
      );
      const table = rows.map(({ wave, ...f }) => ({
        quarter: wave.waveKey,
        state: wave.state,
        opened: wave.openedOn,
        last_day: wave.lastDay,
        invited: f.invited,
        sent: f.sent,
        bounced: f.bounced,
        complained: f.complained,
        suppressed: f.suppressed,
        unsubscribed: f.unsubscribed,
        answered: f.answered,
        response_rate: share(f.responseRate),
      }));
      printReport(format, table, { footer: options.quarter && rows.length === 0 ? `no wave for ${options.quarter}` : `${rows.length} wave(s)` });
    });
}
