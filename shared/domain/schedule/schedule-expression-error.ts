/**
 * Raised for any expression (or time zone) that EventBridge Scheduler would
 * reject, so callers can tell user input errors apart from programming errors.
 */
export class InvalidScheduleExpressionError extends Error {
  override readonly name = 'InvalidScheduleExpressionError';

  constructor(
    /** The text that was rejected (whole expression, or the time zone name). */
    readonly input: string,
    /** Which part was wrong and what was expected, without the input text. */
    readonly detail: string,
  ) {
    super(`${detail} (in ${JSON.stringify(input)})`);
  }
}
