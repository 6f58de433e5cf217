import { GetAccountCommand, SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { MailSendError, type MailFailureKind, type Mailer, type OutgoingMail, type SendQuota } from '../../ports/mailer.ts';

/** The SES message tag and the header that carry an outbox mail's id (docs/mail-outbox.md). */
export const mailIdTag = 'vip-mail-id';
export const mailIdHeader = 'X-Vip-Mail-Id';

const throttling = new Set(['TooManyRequestsException', 'LimitExceededException', 'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled']);
const paused = new Set(['SendingPausedException', 'AccountSuspendedException']);
const refused = new Set(['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException', 'NotFoundException', 'InvalidParameterValue']);

/** What the outbox sender should do with an SES error: its name decides (ports/mailer.ts). */
export function classifySesError(error: unknown): MailFailureKind {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (throttling.has(name)) return 'throttled';
  if (paused.has(name)) return 'paused';
  if (refused.has(name)) return 'refused';
  return 'unknown';
}

/**
 * SES v2 SendEmail with an HTML and a text part, tagged with the mail id (SES publishes the tag
 * in its Send event, which confirms the send if the sender dies before its bookkeeping) and
 * carrying it as a header (what the local stand-in for those events reads). No retries here:
 * the outbox sender owns the backoff and the rate.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const headers = { ...mail.headers, [mailIdHeader]: mail.mailId };
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: this.configurationSet,
          EmailTags: [{ Name: mailIdTag, Value: mail.mailId }],
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })),
              // A chart shown in the HTML through `cid:` travels inline; anything else as an ordinary attachment.
              ...(mail.attachments?.length && {
                Attachments: mail.attachments.map((a) => ({
                  FileName: a.fileName,
                  ContentType: a.contentType,
                  ...(a.contentId !== undefined && { ContentId: a.contentId }),
                  ContentDisposition: a.contentId !== undefined ? ('INLINE' as const) : ('ATTACHMENT' as const),
                  ContentTransferEncoding: 'BASE64' as const,
                  RawContent: Buffer.from(a.base64, 'base64'),
                })),
              }),
            },
          },
        }),
      );
      if (!result.MessageId) throw new MailSendError('unknown', 'SES answered without a MessageId');
      return { messageId: result.MessageId };
    } catch (error) {
      if (error instanceof MailSendError) throw error;
      const name = (error as Error).name ?? 'Error';
      // SES messages name the problem (an unverified address, a malformed header), not the recipient.
      throw new MailSendError(classifySesError(error), `${name}: ${(error as Error).message ?? ''}`.slice(0, 300), { cause: error });
    }
  }
}

/** The account's MaxSendRate from SES GetAccount; undefined when SES does not say. */
export class SesSendQuota implements SendQuota {
  constructor(private readonly client: SESv2Client) {}

  async maxSendRate(): Promise<number | undefined> {
    const account = await this.client.send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    return rate !== undefined && rate > 0 ? rate : undefined;
  }
}
