import { emailHash, idHash, refOfKey } from '../adapters/crypto/digests.ts';
import { DynamoGiftStore } from '../adapters/dynamodb/gift-store.ts';
import { DynamoPersonalDataStore } from '../adapters/dynamodb/personal-data-store.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** The composition root of the data-rights functions. */
export function dataRightsPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  return {
    config: env.config,
    tableName: env.TABLE_NAME,
    store: new DynamoPersonalDataStore(documents, env.TABLE_NAME),
    /** The forget log of another table (the one a restore was made from). */
    storeOf: (tableName: string) => new DynamoPersonalDataStore(documents, tableName),
    tasks: new DynamoGiftStore(documents, env.TABLE_NAME),
    now: () => new Date(),
    emailHash,
    refOfKey,
    idHash,
  };
}
