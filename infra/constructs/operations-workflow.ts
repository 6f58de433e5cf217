import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/**
 * The watchdog: every quarter hour it looks for long runs that stopped checkpointing, publishes
 * their unfinished work again and raises the stalled-run alarm (docs/operations.md). The alarms and
 * the operations dashboard over every workflow are `Monitoring`, built once all workflows exist.
 */
export class OperationsWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'operations' });
  }
}
