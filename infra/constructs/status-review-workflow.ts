import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/**
 * The yearly and monthly status review: opens a run, reviews accounts in parallel segments, mails
 * the digests. Its own construct so workflow-specific resources (alarms, dashboards) have a home
 * that does not touch the other workflows.
 */
export class StatusReviewWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'status-review' });
  }
}
