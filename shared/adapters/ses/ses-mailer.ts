import { SESv2Client, SendEmailCommand, TooManyRequestsException, LimitExceededException } from '@aws-sdk/client-sesv2';
import type { MailMessage, Mailer } from '../../ports/mailer.ts';

const maxAttempts = 6;

/** SES v2 SendEmail with an HTML and a text part; throttling waits and retries with backoff. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.send(
          new SendEmailCommand({
            FromEmailAddress: this.from,
            Destination: { ToAddresses: [message.to] },
            ConfigurationSetName: this.configurationSet,
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: { Html: { Data: message.html, Charset: 'UTF-8' }, Text: { Data: message.text, Charset: 'UTF-8' } },
                ...(message.headers && { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) }),
              },
            },
          }),
        );
        return { messageId: result.MessageId ?? '' };
      } catch (error) {
        const throttled = error instanceof TooManyRequestsException || error instanceof LimitExceededException;
        if (!throttled || attempt >= maxAttempts) throw error;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 200 * 2 ** attempt)));
      }
    }
  }
}
