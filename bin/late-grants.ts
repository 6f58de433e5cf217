import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoGiftStore } from '../shared/adapters/dynamodb/gift-store.ts';
import { EventBridgePublisher } from '../shared/adapters/eventbridge/event-publisher.ts';
import type { OccasionsImportedNotifier } from '../shared/ports/occasions-imported.ts';
import { lateImportNotifier } from '../shared/use-cases/gift-tasks/late-imports.ts';
import { eventBus } from '../infra/topology.ts';
import { localCredentials, localRegion } from '../infra/local/local-aws.ts';
import type { CommandTarget } from './cli-context.ts';
import { settleRunning } from './run-schedule.ts';

/**
 * Runs an import that tells the gift workflow about occasions already due, on the stack's bus
 * (through the local HTTP server's PutEvents endpoint: the running `npm start`'s or the command's
 * own). When it asked for late grants it waits for their delivery, so their tasks exist when the
 * command returns, and the command's own stack is not stopped under them.
 */
export async function withLateGrants<T>(target: CommandTarget, work: (occasions: OccasionsImportedNotifier) => Promise<T>, now: () => Date = () => new Date()): Promise<T> {
  const httpUrl = target.stack?.httpUrl ?? target.running!.httpUrl;
  const events = new EventBridgeClient({ endpoint: httpUrl, region: localRegion, credentials: localCredentials });
  const notifier = lateImportNotifier({ store: new DynamoGiftStore(target.documents, target.tableName), events: new EventBridgePublisher(events, eventBus.name), config: target.config, now });
  let requested = 0;
  const settleRequested = async () => {
    if (requested) await (target.stack ? target.stack.settle() : settleRunning(httpUrl));
  };
  try {
    const result = await work({
      async occasionsImported(occasions) {
        const asked = await notifier.occasionsImported(occasions);
        requested += asked;
        return asked;
      },
    });
    await settleRequested();
    return result;
  } catch (error) {
    // A later file's refusal keeps the earlier files' rows, so their late grants must be delivered too.
    await settleRequested().catch(() => {});
    throw error;
  } finally {
    events.destroy();
  }
}
