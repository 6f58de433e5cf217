import { z } from 'zod';
import { eventSources, eventTypes } from './event-names.ts';

const score = (min: number, max: number) => z.number().int().min(min).max(max);

/** `SurveyAnswerRecorded` as the scores read it: the wave, the opaque invitation, the segment snapshot, the scores. */
export const answerRecordedSchema = z.object({
  source: z.literal(eventSources.surveys),
  'detail-type': z.literal(eventTypes.surveyAnswerRecorded),
  detail: z.object({
    waveKey: z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter such as 2027-Q1'),
    invitationId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an invitation id (22 characters base64url)'),
    segment: z.object({ tier: z.string().min(1), city: z.string().min(1), managerId: z.string().min(1), customerType: z.string().min(1) }),
    nps: score(0, 10),
    csi: z.record(z.string(), score(1, 10)),
    ces: score(1, 7),
    answeredAt: z.string().min(1),
  }),
});

export type AnswerRecorded = z.infer<typeof answerRecordedSchema>['detail'];

/** What the daily review schedule hands the review function (the Scheduler's context). */
export const reviewCheckSchema = z.object({ scheduledTime: z.string().min(1) });
