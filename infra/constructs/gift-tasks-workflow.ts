import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/** The topology endpoint whose URL the task mails link to (`TASK_LINK_BASE_URL`). */
const taskLinkEndpoint = 'gift-task-links';

/**
 * The daily gift tasks: issues tasks for the occasions due and mails managers links to mark them
 * done or cancel them, serves those links, and cancels the tasks of accounts that lost VIP status.
 */
export class GiftTasksWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'gift-tasks' });

    // Auth NONE on purpose: the links are opened by managers from their mail client, without AWS
    // credentials, so IAM auth is impossible. Every link carries an HMAC signature (keyed by the
    // link-signing secret) over the task and action, which the function verifies before it reads
    // or changes anything; an unsigned or tampered request is refused there.
    const urls = new Map(
      this.workflow.httpEndpoints.map((endpoint) => [endpoint.name, this.workflow.exposeHttpEndpoint(endpoint.name, FunctionUrlAuthType.NONE)]),
    );

    const taskLinkUrl = urls.get(taskLinkEndpoint);
    for (const fn of this.workflow.functions.values()) {
      if (fn.spec.grants.taskLinkUrl !== true) continue;
      if (taskLinkUrl === undefined) throw new Error(`${fn.name} needs the task-link URL, but workflow "gift-tasks" has no http endpoint "${taskLinkEndpoint}"`);
      fn.setTaskLinkBaseUrl(taskLinkUrl.url);
    }
  }
}
