import { z } from 'zod';

const id = z.string().trim().regex(/^[A-Za-z0-9_.-]+$/, 'an id of A-Z a-z 0-9 _ . -');
const subject = { contact: id.optional(), account: id.optional() };
const oneSubject = (value: { contact?: string | undefined; account?: string | undefined }) => (value.contact === undefined) !== (value.account === undefined);
const subjectMessage = { message: 'give exactly one of "contact" and "account"', path: ['contact'] };

/**
 * What an operator sends the data-rights function (`aws lambda invoke`, README): the same three
 * commands as `npx vip data`, with the same rules.
 */
export const dataRightsRequestSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('export'), ...subject }).refine(oneSubject, subjectMessage),
  z
    .object({
      command: z.literal('forget'),
      ...subject,
      reason: z.string().trim().min(1, 'a reason (kept in the audit log; no personal data)'),
      by: z.string().trim().min(1, 'who asks for it'),
    })
    .refine(oneSubject, subjectMessage),
  z.object({ command: z.literal('reapply-forgets'), logTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name').optional() }),
]);
export type DataRightsRequest = z.infer<typeof dataRightsRequestSchema>;

/** The monthly retention schedule's input. */
export const retentionInputSchema = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });
