import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GiftTasksWorkflow } from '../constructs/gift-tasks-workflow.ts';
import { MailWorkflow } from '../constructs/mail-workflow.ts';
import { StatusReviewWorkflow } from '../constructs/status-review-workflow.ts';
import { ScoresWorkflow } from '../constructs/scores-workflow.ts';
import { DashboardWorkflow, type DashboardSettings } from '../constructs/dashboard.ts';
import { SurveysWorkflow } from '../constructs/surveys-workflow.ts';
import { DataRightsWorkflow } from '../constructs/data-rights-workflow.ts';
import { OperationsWorkflow } from '../constructs/operations-workflow.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import type { MailSettings, StatefulResources } from '../constructs/vip-function.ts';
import type { Workflow, WorkflowConstructProps } from '../constructs/workflow.ts';
import { workflowNames, type Topology, type WorkflowName } from '../topology.ts';
import { envNames } from '../../shared/schemas/environment.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';

export interface WorkflowsStackProps extends StackProps {
  readonly topology: Topology;
  /** Owned by the stateful stack; referenced here so redeploying workflows never touches data. */
  readonly stateful: StatefulResources;
  readonly mail: MailSettings;
  readonly programmeConfig: ProgrammeConfig;
  readonly dashboard: DashboardSettings;
  /** Where the alarms are mailed (an SNS e-mail subscription). */
  readonly alarmAddress: string;
}

type WorkflowConstruct = new (scope: Construct, id: string, props: WorkflowConstructProps) => Construct & { readonly workflow: Workflow };

/** Keyed by every workflow name, so adding a workflow to the topology does not compile without its construct. */
const workflowConstructs: Readonly<Record<WorkflowName, { readonly id: string; readonly construct: WorkflowConstruct }>> = {
  'status-review': { id: 'StatusReview', construct: StatusReviewWorkflow },
  'gift-tasks': { id: 'GiftTasks', construct: GiftTasksWorkflow },
  scores: { id: 'Scores', construct: ScoresWorkflow },
  surveys: { id: 'Surveys', construct: SurveysWorkflow },
  mail: { id: 'Mail', construct: MailWorkflow },
  dashboard: { id: 'Dashboard', construct: DashboardWorkflow },
  'data-rights': { id: 'DataRights', construct: DataRightsWorkflow },
  operations: { id: 'Operations', construct: OperationsWorkflow },
};

export class WorkflowsStack extends Stack {
  readonly workflows: ReadonlyMap<WorkflowName, Workflow>;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { topology, stateful, mail, programmeConfig, dashboard } = props;
    this.workflows = new Map(
      workflowNames.map((name) => {
        const { id: constructId, construct: WorkflowConstruct } = workflowConstructs[name];
        return [name, new WorkflowConstruct(this, constructId, { topology, stateful, mail, programmeConfig, dashboard }).workflow];
      }),
    );
    // The standards review mail links to the dashboard, whose address only exists once its distribution does.
    const pages = this.node.findChild(workflowConstructs.dashboard.id) as DashboardWorkflow;
    for (const fn of this.workflows.get('scores')?.functions.values() ?? []) fn.function.addEnvironment(envNames.dashboardUrl, pages.pageUrl);
    this.monitoring = new Monitoring(this, 'Monitoring', { topology, workflows: this.workflows, alarmAddress: props.alarmAddress });
  }
}
