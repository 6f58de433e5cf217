import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/**
 * Client data rights (docs/data-rights.md): the operator's function (export, forget,
 * reapply-forgets; invoked with `aws lambda invoke`, no trigger), the only role that may delete
 * items, and the monthly retention run.
 */
export class DataRightsWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'data-rights' });
  }
}
