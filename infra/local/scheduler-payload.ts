import { randomUUID } from 'node:crypto';

/**
 * EventBridge Scheduler replaces these context attributes inside a target's Input with the
 * values of the invocation; the local scheduler does the same so handlers see one payload shape.
 */
export function schedulerPayload(
  input: Readonly<Record<string, unknown>>,
  context: { scheduleName: string; scheduledTime: Date; attempt?: number; executionId?: string },
): unknown {
  const values: Record<string, string> = {
    '<aws.scheduler.scheduled-time>': context.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    '<aws.scheduler.execution-id>': context.executionId ?? randomUUID(),
    '<aws.scheduler.attempt-number>': String(context.attempt ?? 1),
    '<aws.scheduler.schedule-arn>': `arn:aws:scheduler:local:000000000000:schedule/default/${context.scheduleName}`,
  };
  const text = JSON.stringify(input).replace(/<aws\.scheduler\.[a-z-]+>/g, (placeholder) => values[placeholder] ?? placeholder);
  return JSON.parse(text);
}
