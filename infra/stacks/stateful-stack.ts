import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { StatefulResources } from '../constructs/vip-function.ts';
import type { IndexSpec, Topology } from '../topology.ts';

export interface StatefulStackProps extends StackProps {
  /** The table and bus are created exactly as the topology describes them. */
  readonly topology: Topology;
}

/**
 * What outlives a deployment of the functions: the data, the bus, the mail configuration and the
 * key that signs the links already sitting in managers' mailboxes.
 * Kept apart so the workflows stack can be destroyed and redeployed without touching data.
 */
export class StatefulStack extends Stack implements StatefulResources {
  readonly table: Table;
  readonly tableIndexNames: readonly string[];
  readonly eventBus: EventBus;
  readonly configurationSet: ConfigurationSet;
  readonly linkSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { table, eventBus } = props.topology;

    // `Table` (AWS::DynamoDB::Table) rather than `TableV2` (AWS::DynamoDB::GlobalTable): the table is
    // single-region, cdk-nag's point-in-time-recovery rule only inspects AWS::DynamoDB::Table, and the
    // local stack creates the same single-region table shape.
    this.table = new Table(this, table.logicalName, {
      partitionKey: { name: table.partitionKey, type: AttributeType.STRING },
      sortKey: { name: table.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // 35 days (the most DynamoDB keeps): the limit of erasure docs/data-rights.md states, and the window a restore can reach.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      // AWS-managed KMS key (aws/dynamodb): encrypted at rest with every key use in CloudTrail, while
      // access stays decided by the table's IAM grants alone. A customer-managed key would add
      // kms:* grants (with ReEncrypt*/GenerateDataKey* wildcards) to every function role and a key
      // whose deletion makes the data unreadable, for control nobody here needs: the data has no
      // cross-account readers. Switching to CUSTOMER_MANAGED later is a one-line change; the
      // grants in VipFunction pick the key up.
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: table.ttlAttribute,
      // Wakes the outbox sender (infra/topology.ts streamTriggers); keys only, no mail content.
      stream: StreamViewType[table.streamView],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const indexes: readonly IndexSpec[] = table.indexes;
    this.tableIndexNames = indexes.map((index) => index.name);
    for (const index of indexes)
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: index.sortKey === undefined ? undefined : { name: index.sortKey, type: AttributeType.STRING },
        // The review reads whole items from its index (ALL saves a fetch per item); an index that
        // names its attributes keeps only those, so a status write costs less there.
        ...(index.keysOnly
          ? { projectionType: ProjectionType.KEYS_ONLY }
          : index.include
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
            : { projectionType: ProjectionType.ALL }),
      });

    this.eventBus = new EventBus(this, eventBus.logicalName, { eventBusName: eventBus.name });

    this.configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      // SES's own suppression list stays on for bounces and complaints (issue 7): the programme's
      // SUPPRESSION items add unsubscribes and operator blocks on top, and act before SES is called.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // SES's sending events go to the account's default bus (the only bus a configuration set can
    // publish to): Send confirms outbox mail (docs/mail-outbox.md); bounces and complaints suppress.
    this.configurationSet.addEventDestination('MailEventsToDefaultBus', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    // HMAC key of the task links. Retained: a new key would invalidate every link already mailed.
    this.linkSecret = new Secret(this, 'TaskLinkSigningSecret', {
      description: 'HMAC key that signs the mark-done and cancel links in gift task mails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is the HMAC key of the gift task links: rotating it would invalidate every outstanding task link in managers\' mailboxes. Only the functions the topology grants linkSecret may read it.',
    });
  }
}
