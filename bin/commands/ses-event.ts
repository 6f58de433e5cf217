import { Command, Option } from 'commander';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { emailHash } from '../../shared/adapters/crypto/digests.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { nextQuarter, quarterOf, type QuarterKey } from '../../shared/domain/surveys/quarter.ts';
import { parseAddress } from '../../shared/use-cases/surveys/operator-suppression.ts';
import { sesDetailTypes, sesEventSource } from '../../shared/schemas/ses-events.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { parseInstant } from '../arguments.ts';
import { printJson } from '../output.ts';
import { settleRunning } from '../run-schedule.ts';

/** Waves a local simulation may have sent from: ten years either side of today, found by key. */
function quartersAround(today: Date): QuarterKey[] {
  const year = today.getUTCFullYear();
  const quarters: QuarterKey[] = [];
  for (let q = quarterOf(`${year - 10}-01-01`); q !== quarterOf(`${year + 10}-01-01`); q = nextQuarter(q)) quarters.push(q);
  return quarters;
}

/** The EventBridge event SES publishes for a bounce or a complaint, for one recipient. */
function sesEvent(kind: 'bounce' | 'complaint', email: string, at: Date, transient: boolean) {
  const timestamp = at.toISOString();
  const mail = { timestamp, messageId: `local-${at.getTime()}`, destination: [email], tags: {} };
  return kind === 'bounce'
    ? {
        eventType: 'Bounce',
        bounce: transient
          ? { bounceType: 'Transient', bounceSubType: 'MailboxFull', bouncedRecipients: [{ emailAddress: email, action: 'failed', status: '4.2.2' }], timestamp, feedbackId: `local-${at.getTime()}` }
          : { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, action: 'failed', status: '5.1.1' }], timestamp, feedbackId: `local-${at.getTime()}` },
        mail,
      }
    : { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: email }], timestamp, feedbackId: `local-${at.getTime()}`, complaintFeedbackType: 'abuse' }, mail };
}

export function sesEventCommand(globals: () => GlobalOptions): Command {
  return new Command('ses-event')
    .description('put an SES bounce or complaint event for an invited address on the local default bus, as SES would on AWS')
    .addArgument(new Command().createArgument('<kind>', 'bounce or complaint').choices(['bounce', 'complaint']))
    .argument('<email>', 'an address the programme sent a survey invitation to')
    .addOption(new Option('--transient', 'a transient bounce (mailbox full): SES reports it, the programme does not suppress'))
    .option('--at <instant>', 'when SES reports it (default: a minute after the address\'s latest invitation)', parseInstant)
    .action(async (kind: 'bounce' | 'complaint', text: string, options: { transient?: boolean; at?: Date }) => {
      const email = parseAddress(text);
      const result = await withTarget(globals(), async (t) => {
        const store = new DynamoSurveyStore(t.documents, t.tableName);
        const invitations = await store.invitationsTo(emailHash(email), quartersAround(new Date()));
        const latest = invitations.at(-1);
        if (!latest) throw new Error('no survey invitation was sent to this address, so SES could not report on it; nothing was put on the bus');
        const at = options.at ?? new Date(Date.parse(latest.invitedAt) + 60_000);
        const httpUrl = t.stack?.httpUrl ?? t.running!.httpUrl;
        const events = new EventBridgeClient({ endpoint: httpUrl, region: localRegion, credentials: localCredentials });
        try {
          const put = await events.send(
            new PutEventsCommand({
              Entries: [{ EventBusName: 'default', Source: sesEventSource, DetailType: sesDetailTypes[kind], Time: at, Detail: JSON.stringify(sesEvent(kind, email, at, options.transient === true)) }],
            }),
          );
          if (put.FailedEntryCount) throw new Error(`the local bus refused the event: ${put.Entries?.[0]?.ErrorMessage ?? 'unknown error'}`);
        } finally {
          events.destroy();
        }
        // Delivery is asynchronous, as on AWS: wait for it, on this command's own stack or the running one.
        if (t.stack) await t.stack.settle();
        else await settleRunning(httpUrl);
        const suppression = await store.get(emailHash(email));
        return { kind, transient: options.transient === true, at: at.toISOString(), waves: invitations.map((i) => i.waveKey), suppressed: suppression?.reason ?? null };
      });
      if (globals().json) return printJson(result);
      console.log(`put an SES ${result.transient ? 'transient ' : ''}${kind} event (${result.at}) on the default bus`);
      console.log(result.suppressed ? `the address is suppressed (${result.suppressed})` : 'the address is not suppressed (a transient bounce is not a reason to stop mailing)');
    });
}
