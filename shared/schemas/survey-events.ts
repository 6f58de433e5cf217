import { z } from 'zod';
import { eventSources, eventTypes } from './event-names.ts';

const instant = z.iso.datetime({ offset: true });

/**
 * The opening step's input: from EventBridge Scheduler (`{scheduledTime, executionId}`), or its
 * own continuation from the bus (`detail.scheduledTime`), which carries the original fire time.
 */
export const openWaveInputSchema = z.union([
  z.object({ scheduledTime: instant, executionId: z.string().optional() }),
  z
    .object({ source: z.literal(eventSources.surveys), 'detail-type': z.literal(eventTypes.surveyWaveOpeningRequested), detail: z.object({ scheduledTime: instant }) })
    .transform((event) => ({ scheduledTime: event.detail.scheduledTime })),
]);

/** The daily step's input, from the Scheduler or its own continuation. */
export const surveyDailyInputSchema = z.union([
  z.object({ scheduledTime: instant, executionId: z.string().optional() }),
  z
    .object({ source: z.literal(eventSources.surveys), 'detail-type': z.literal(eventTypes.surveyDailyRequested), detail: z.object({ scheduledTime: instant }) })
    .transform((event) => ({ scheduledTime: event.detail.scheduledTime })),
]);
