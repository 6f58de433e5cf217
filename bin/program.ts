import { Command } from 'commander';
import { schedulesCommand } from './commands/schedules.ts';
import { importCommand } from './commands/import.ts';
import { deadLettersCommand } from './commands/report-dead-letters.ts';
import { healthCommand } from './commands/report-health.ts';
import { dataCommand } from './commands/data.ts';
import { runCommand } from './commands/run.ts';
import { demoDataCommand } from './commands/demo-data.ts';
import { overrideCommand } from './commands/override.ts';
import { explainCommand } from './commands/explain.ts';
import { statusesCommand } from './commands/report-statuses.ts';
import { budgetCommand, budgetReportCommand } from './commands/budget.ts';
import { tasksCommand } from './commands/report-tasks.ts';
import { suspectDatesCommand } from './commands/report-suspect-dates.ts';
import { casesCommand } from './commands/report-cases.ts';
import { demoCommand } from './commands/demo-answers.ts';
import { simulateCommand } from './commands/simulate.ts';
import { surveyWavesCommand } from './commands/report-survey-waves.ts';
import { suppressCommand } from './commands/suppress.ts';
import { sesEventCommand } from './commands/ses-event.ts';
import { scoresCommand, standardsCommand, standardsReviewReportCommand } from './commands/scores.ts';
import type { GlobalOptions } from './cli-context.ts';

/** The whole `vip` command tree; `bin/vip.ts` runs it, the README test parses its examples with it. */
export function vipProgram(): Command {
  const program = new Command('vip')
    .description('Operate the VIP programme: import data, run jobs, read reports. Uses the running `npm start` stack if there is one.')
    .option('--data-dir <dir>', 'local data folder (env VIP_DATA_DIR; default .local/data)')
    .option('--config <file>', 'programme configuration (env VIP_CONFIG; default config/programme-a.json)')
    .option('--json', 'print machine-readable JSON (for reports, the same as --format json)')
    .showHelpAfterError()
    // Usage errors exit with 2, as command-line convention has it; help and version exit with 0.
    .exitOverride();

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program.addCommand(importCommand(globals));
  program.addCommand(schedulesCommand(globals));
  program.addCommand(runCommand(globals));
  program.addCommand(demoDataCommand(globals));
  program.addCommand(demoCommand(globals));
  program.addCommand(overrideCommand(globals));
  program.addCommand(explainCommand(globals));
  program.addCommand(budgetCommand(globals));
  program.addCommand(simulateCommand(globals));
  program.addCommand(suppressCommand(globals));
  program.addCommand(dataCommand(globals));
  program.addCommand(sesEventCommand(globals));
  program.addCommand(scoresCommand(globals));
  program.addCommand(standardsCommand(globals));
  program.addCommand(new Command('report').description('read reports').addCommand(statusesCommand(globals)).addCommand(tasksCommand(globals)).addCommand(budgetReportCommand(globals)).addCommand(deadLettersCommand(globals)).addCommand(healthCommand(globals)).addCommand(suspectDatesCommand(globals)).addCommand(surveyWavesCommand(globals)).addCommand(casesCommand(globals)).addCommand(standardsReviewReportCommand(globals)));

  applyToAll(program, (command) => command.exitOverride().showHelpAfterError());
  return program;
}

export function applyToAll(command: Command, apply: (c: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyToAll(sub, apply);
}
