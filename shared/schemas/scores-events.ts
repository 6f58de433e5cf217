import { z } from 'zod';
import { eventSources, eventTypes } from './event-names.ts';
import { surveyAnswerRecordedSchema } from './survey-answer-events.ts';

/** `SurveyAnswerRecorded` as it arrives from the bus; its detail is the answer endpoint's own schema. */
export const answerRecordedSchema = z.object({
  source: z.literal(eventSources.surveys),
  'detail-type': z.literal(eventTypes.surveyAnswerRecorded),
  detail: surveyAnswerRecordedSchema,
});

export type AnswerRecorded = z.infer<typeof answerRecordedSchema>['detail'];

/** What the daily review schedule hands the review function (the Scheduler's context). */
export const reviewCheckSchema = z.object({ scheduledTime: z.string().min(1) });
