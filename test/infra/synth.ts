/**
 * Synthesizes the real app (real handler bundles, real config) the way `cdk synth` does, with
 * fixed settings so a VIP_* variable in the developer's shell cannot change what the tests see.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildVipApp, type VipApp, type VipAppSettings } from '../../infra/app.ts';
import type { FunctionName } from '../../infra/topology.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export const testSettings: VipAppSettings = {
  configFile: join(repositoryRoot, 'config/programme-a.json'),
  senderAddress: 'vip-programme@example.com',
  leadershipAddress: 'leadership@example.com',
};

export interface SynthesizedApp extends VipApp {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly workflowsTemplate: Template;
  /** Logical id of each function in the workflows template. */
  readonly functionLogicalIds: ReadonlyMap<FunctionName, string>;
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

export function synthesize(configure?: (app: App) => void): SynthesizedApp {
  const app = new App({ context: cdkJsonContext() });
  const vip = buildVipApp(app, testSettings);
  configure?.(app);
  app.synth();

  const arnToName = new Map<string, FunctionName>();
  const functionLogicalIds = new Map<FunctionName, string>();
  for (const workflow of vip.workflows.workflows.values())
    for (const [name, fn] of workflow.functions) {
      arnToName.set(JSON.stringify(vip.workflows.resolve(fn.function.functionArn)), name);
      functionLogicalIds.set(name, vip.workflows.getLogicalId(fn.function.node.defaultChild as CfnElement));
    }

  return {
    ...vip,
    app,
    statefulTemplate: Template.fromStack(vip.stateful),
    workflowsTemplate: Template.fromStack(vip.workflows),
    functionLogicalIds,
    functionNameOfArn: (arn) => arnToName.get(JSON.stringify(arn)),
  };
}

/** Properties of every resource of a type, keyed by logical id. */
export function propertiesOf(template: Template, type: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, { Properties?: Record<string, unknown> }> = template.findResources(type);
  return Object.fromEntries(Object.entries(resources).map(([id, resource]) => [id, resource.Properties ?? {}]));
}
