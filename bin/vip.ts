import { CommanderError } from 'commander';
import { vipProgram } from './program.ts';
import { UsageError } from './usage-error.ts';

// A reader that stops early (`vip report statuses | head -1`) closes the pipe: that ends the output, it is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = vipProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? `${error.name === 'Error' ? 'error' : error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  }
}
