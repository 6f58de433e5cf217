import { z } from 'zod';

/** What wakes the outbox sender: a batch of stream records (only their arrival matters) or the sweep schedule. */
export const outboxSenderEventSchema = z.union([
  z.object({ Records: z.array(z.object({ eventName: z.string() }).loose()).min(1) }),
  z.object({ sweep: z.literal(true), scheduledTime: z.iso.datetime({ offset: true }), executionId: z.string().optional() }),
]);

/** SES's "Email Sent" event (EventBridge, source aws.ses) of a mail tagged with its outbox id. */
export const sesSendEventSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.literal('Email Sent'),
  time: z.string(),
  detail: z.object({
    eventType: z.literal('Send'),
    mail: z.object({
      messageId: z.string().min(1),
      tags: z.object({ 'vip-mail-id': z.array(z.string().min(1)).min(1) }).loose(),
    }).loose(),
  }).loose(),
});

export type SesSendEvent = z.infer<typeof sesSendEventSchema>;
