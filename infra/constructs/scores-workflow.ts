import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/**
 * Survey scores: counts each recorded answer into its wave's segment counters (a rule on
 * `SurveyAnswerRecorded`), and once a wave has closed computes the quarterly standards review
 * and queues its mail (a daily schedule). Reads and writes the table only; mail goes through
 * the outbox, so no SES permission.
 */
export class ScoresWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'scores' });
  }
}
