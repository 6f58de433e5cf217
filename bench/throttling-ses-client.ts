import { SESv2Client, TooManyRequestsException, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';

export interface ThrottlingStats {
  /** SES accepted: copies per outbox mail id (from the message tag). */
  readonly accepted: Map<string, number>;
  throttled: number;
}

/**
 * An SES client that refuses (TooManyRequestsException, as SES does) any SendEmail above
 * `maxPerSecond` in a sliding second, and passes the rest to the real endpoint (the SES
 * emulator). Throttling is a fault only a stand-in can produce: the emulator has no quota.
 */
export function throttlingSesClient(config: SESv2ClientConfig, maxPerSecond: number): { client: SESv2Client; stats: ThrottlingStats } {
  const client = new SESv2Client({ ...config, maxAttempts: 1 });
  const stats: ThrottlingStats = { accepted: new Map(), throttled: 0 };
  const window: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendEmailCommand') return next(args);
      const now = performance.now();
      while (window.length > 0 && window[0]! <= now - 1000) window.shift();
      if (window.length >= maxPerSecond) {
        stats.throttled++;
        throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
      }
      window.push(now);
      const result = await next(args);
      const input = args.input as { EmailTags?: { Name?: string; Value?: string }[] };
      const mailId = input.EmailTags?.find((t) => t.Name === 'vip-mail-id')?.Value ?? 'untagged';
      stats.accepted.set(mailId, (stats.accepted.get(mailId) ?? 0) + 1);
      return result;
    },
    { step: 'initialize', name: 'throttleAboveRate' },
  );
  return { client, stats };
}
