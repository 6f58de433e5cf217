import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/**
 * The product's one mail path (docs/mail-outbox.md): the outbox sender, woken by the table's
 * stream and swept every minute, sends through SES within the account's rate; the confirmation
 * recorder takes SES's Send events from the default bus, so a mail whose sender died after SES
 * took it is not sent again.
 */
export class MailWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'mail' });
  }
}
