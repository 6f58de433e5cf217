/**
 * Synthesizes the real app (real handler bundles, real config) the way `cdk synth` does, with
 * fixed settings so a VIP_* variable in the developer's shell cannot change what the tests see.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { buildVipApp, type VipApp, type VipAppSettings } from '../../infra/app.ts';
import type { FunctionName, WorkflowName } from '../../infra/topology.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export const testSettings: VipAppSettings = {
  configFile: join(repositoryRoot, 'config/programme-a.json'),
  senderAddress: 'vip-programme@example.com',
  leadershipAddress: 'leadership@example.com',
  dashboardUserPool: 'vip-leadership',
  dashboardFirstUser: 'first.leader@example.com',
  alarmAddress: 'operations@example.com',
};

export interface SynthesizedApp extends VipApp {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly workflowsTemplate: Template;
  /** Logical id of each function in the workflows template. */
  readonly functionLogicalIds: ReadonlyMap<FunctionName, string>;
  /** Workflow each function was built in. */
  readonly functionWorkflows: ReadonlyMap<FunctionName, WorkflowName>;
  /** Logical id of each workflow's dead-letter queue in the workflows template. */
  readonly deadLetterQueueLogicalIds: ReadonlyMap<WorkflowName, string>;
  /** Logical id of the `AWS::Lambda::Url` of each exposed http endpoint, by endpoint name. */
  readonly functionUrlLogicalIds: ReadonlyMap<string, string>;
  /** Topology name of the function a CloudFormation `Arn` value points at, if any. */
  functionNameOfArn(arn: unknown): FunctionName | undefined;
}

/** The feature flags of cdk.json, so tests synthesize with the same behaviour as the CLI. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8'));
  if (typeof cdkJson !== 'object' || cdkJson === null || !('context' in cdkJson)) return {};
  const { context } = cdkJson;
  return typeof context === 'object' && context !== null ? { ...context } : {};
}

export interface SynthesizeOptions {
  /** Runs after the stacks are built and before the synth, e.g. to register the nag checks. */
  readonly configure?: (app: App) => void;
  /**
   * Whether to bundle the handlers. Tests that inspect only templates and the construct tree skip
   * it: bundling is most of a synth's time and changes no resource, grant or nag finding.
   * @default true
   */
  readonly bundle?: boolean;
}

export function synthesize(options: SynthesizeOptions = {}): SynthesizedApp {
  const bundlingStacks = options.bundle === false ? { [cxapi.BUNDLING_STACKS]: [] } : {};
  const app = new App({ context: { ...cdkJsonContext(), ...bundlingStacks } });
  const vip = buildVipApp(app, testSettings);
  options.configure?.(app);
  app.synth();

  const logicalIdOf = (construct: IConstruct): string =>
    vip.workflows.getLogicalId(construct.node.defaultChild as CfnElement);
  const arnToName = new Map<string, FunctionName>();
  const functionLogicalIds = new Map<FunctionName, string>();
  const functionWorkflows = new Map<FunctionName, WorkflowName>();
  const deadLetterQueueLogicalIds = new Map<WorkflowName, string>();
  const functionUrlLogicalIds = new Map<string, string>();
  for (const [workflowName, workflow] of vip.workflows.workflows) {
    deadLetterQueueLogicalIds.set(workflowName, logicalIdOf(workflow.deliveryDeadLetterQueue));
    for (const [endpoint, url] of workflow.functionUrls) functionUrlLogicalIds.set(endpoint, logicalIdOf(url));
    for (const [name, fn] of workflow.functions) {
      arnToName.set(JSON.stringify(vip.workflows.resolve(fn.function.functionArn)), name);
      functionLogicalIds.set(name, logicalIdOf(fn.function));
      functionWorkflows.set(name, workflowName);
    }
  }

  return {
    ...vip,
    app,
    statefulTemplate: Template.fromStack(vip.stateful),
    workflowsTemplate: Template.fromStack(vip.workflows),
    functionLogicalIds,
    functionWorkflows,
    deadLetterQueueLogicalIds,
    functionUrlLogicalIds,
    functionNameOfArn: (arn) => arnToName.get(JSON.stringify(arn)),
  };
}

/** Properties of every resource of a type, keyed by logical id. */
export function propertiesOf(template: Template, type: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, { Properties?: Record<string, unknown> }> = template.findResources(type);
  return Object.fromEntries(Object.entries(resources).map(([id, resource]) => [id, resource.Properties ?? {}]));
}
