import { z } from 'zod';

/** SES publishes configuration-set events to the DEFAULT bus with this source and these detail types. */
export const sesEventSource = 'aws.ses';
export const sesDetailTypes = { bounce: 'Email Bounced', complaint: 'Email Complaint Received' } as const;

const recipient = z.object({ emailAddress: z.string().min(3) }).loose();
const mail = z.object({ messageId: z.string().optional(), timestamp: z.string().optional(), destination: z.array(z.string()).optional() }).loose();

/** The two SES events the programme acts on, as EventBridge delivers them (the fields read, others kept loose). */
export const sesFeedbackEventSchema = z.discriminatedUnion('detail-type', [
  z
    .object({
      source: z.literal(sesEventSource),
      'detail-type': z.literal(sesDetailTypes.bounce),
      time: z.string(),
      detail: z.object({
        eventType: z.literal('Bounce'),
        bounce: z.object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: z.array(recipient).min(1), timestamp: z.string() }).loose(),
        mail,
      }).loose(),
    })
    .loose(),
  z
    .object({
      source: z.literal(sesEventSource),
      'detail-type': z.literal(sesDetailTypes.complaint),
      time: z.string(),
      detail: z.object({
        eventType: z.literal('Complaint'),
        complaint: z.object({ complainedRecipients: z.array(recipient).min(1), timestamp: z.string() }).loose(),
        mail,
      }).loose(),
    })
    .loose(),
]);

export type SesFeedbackEvent = z.infer<typeof sesFeedbackEventSchema>;
