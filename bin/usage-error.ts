/**
 * The operator asked for something that does not exist (a schedule, a tier, a reversed range):
 * the command says what is accepted and exits with 2, the command-line convention for misuse.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
