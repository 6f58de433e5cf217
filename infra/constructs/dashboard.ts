import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

export class DashboardWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'dashboard' });
  }
}
