import { Command, InvalidArgumentError } from 'commander';
import { demoAnswerSeed, demoAnswerShare } from '../../shared/demo/demo-answers.ts';
import { parseQuarterKey } from '../../shared/domain/surveys/quarter.ts';
import { answerDemoInvitations } from '../../shared/use-cases/surveys/demo-answers.ts';
import { parseInstant, parsePositiveInt } from '../arguments.ts';
import { resolveDataDir, withTarget, type GlobalOptions } from '../cli-context.ts';
import { demoAnswerPortsFor } from '../demo-answer-ports.ts';
import { printJson } from '../output.ts';

function parseShare(value: string): number {
  const share = Number(value);
  if (!(share > 0 && share <= 1)) throw new InvalidArgumentError('expected a share between 0 (exclusive) and 1, e.g. 0.45');
  return share;
}

function parseQuarter(value: string): string {
  try {
    return parseQuarterKey(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export { demoAnswerSeed, demoAnswerShare };

export function demoCommand(globals: () => GlobalOptions): Command {
  return new Command('demo').description('demo activity in the local stack').addCommand(
    new Command('answers')
      .description("let a seeded share of a wave's demo invitees answer, through the same use case as the form (scores differ by tier; some detractors everywhere)")
      .requiredOption('--quarter <quarter>', 'the wave, e.g. 2027-Q1', parseQuarter)
      .option('--share <share>', 'share of invitees who answer', parseShare, demoAnswerShare)
      .option('--seed <n>', 'random seed', (v) => parsePositiveInt(v), demoAnswerSeed)
      .option('--until <instant>', 'answer only what is planned up to this time (default: the whole wave)', parseInstant)
      .action(async (options: { quarter: string; share: number; seed: number; until?: Date }) => {
        const result = await withTarget(globals(), async (target) => {
          const ports = demoAnswerPortsFor(target, resolveDataDir(globals()));
          try {
            return await answerDemoInvitations({ waveKey: options.quarter, until: options.until ?? new Date(8.64e15), share: options.share, seed: options.seed }, ports);
          } finally {
            ports.destroy();
          }
        });
        if (globals().json) return printJson(result);
        if (result.invited === 0) console.log(`no invitations in wave ${result.waveKey}: open it first (npx vip run surveys-open-wave --at ...)`);
        else console.log(`wave ${result.waveKey}: ${result.answered} of ${result.invited} invitees answered now (${result.casesOpened} opened a closed-loop case), ${result.later} planned later`);
      }),
  );
}
