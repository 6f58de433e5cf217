/**
 * CDK entry (`cdk.json`: `npx tsx infra/app.ts`). Everything deployed is derived from the programme
 * configuration through `topologyFor`; this file only chooses the inputs and wires the stacks.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, CrossStackReferences, ReferenceStrength, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { InvalidConfigError, loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { formatZodIssues } from '../shared/schemas/format-issues.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { WorkflowsStack } from './stacks/workflows-stack.ts';
import { topologyFor, type Topology } from './topology.ts';

export interface VipAppSettings {
  /** Programme configuration file, relative to the working directory or absolute. */
  readonly configFile: string;
  readonly senderAddress: string;
  readonly leadershipAddress: string;
  /** Name of the dashboard's Cognito user pool. */
  readonly dashboardUserPool: string;
  /** The first member of the pool's leadership group. */
  readonly dashboardFirstUser: string;
  /** Where CloudWatch alarms are mailed (docs/operations.md). */
  readonly alarmAddress: string;
}

export interface VipApp {
  readonly config: ProgrammeConfig;
  readonly topology: Topology;
  readonly stateful: StatefulStack;
  readonly workflows: WorkflowsStack;
}

/** Context key and overriding environment variable for each setting. */
const settingSources = {
  configFile: { context: 'vip:configFile', env: 'VIP_CONFIG' },
  senderAddress: { context: 'vip:senderAddress', env: 'VIP_SENDER_ADDRESS' },
  leadershipAddress: { context: 'vip:leadershipAddress', env: 'VIP_LEADERSHIP_ADDRESS' },
  dashboardUserPool: { context: 'vip:dashboardUserPool', env: 'VIP_DASHBOARD_USER_POOL' },
  dashboardFirstUser: { context: 'vip:dashboardFirstUser', env: 'VIP_DASHBOARD_FIRST_USER' },
  alarmAddress: { context: 'vip:alarmAddress', env: 'VIP_ALARM_ADDRESS' },
} as const;

const settingsSchema = z.object({
  configFile: z.string().min(1),
  senderAddress: z.email(),
  leadershipAddress: z.email(),
  dashboardUserPool: z.string().regex(/^[\w\s+=,.@-]{1,128}$/, 'a Cognito user pool name (letters, digits, spaces, + = , . @ -)'),
  dashboardFirstUser: z.email(),
  alarmAddress: z.email(),
});

/** Environment variables win over context so a pipeline can deploy another programme without editing cdk.json. */
export function settingsFrom(app: App, env: NodeJS.ProcessEnv): VipAppSettings {
  const raw = Object.fromEntries(
    Object.entries(settingSources).map(([key, source]) => {
      const fromEnv = env[source.env];
      const value: unknown = fromEnv !== undefined && fromEnv !== '' ? fromEnv : app.node.tryGetContext(source.context);
      return [key, value];
    }),
  );
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const names = Object.values(settingSources).map((s) => `${s.context} (context) / ${s.env} (env)`).join(', ');
    throw new InvalidSettingsError(`invalid deployment settings; expected ${names}\n${formatZodIssues(parsed.error)}`);
  }
  return parsed.data;
}

export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';
}

/** Builds the stacks into `app`; shared by the entry point and the infrastructure tests. */
export function buildVipApp(app: App, settings: VipAppSettings): VipApp {
  const config = loadProgrammeConfig(resolve(settings.configFile));
  const topology = topologyFor(config);
  const mail = { senderAddress: settings.senderAddress, leadershipAddress: settings.leadershipAddress };

  // Strong (exports/imports): CloudFormation then refuses to remove the table or bus while
  // functions still use them, which is the protection the stateful split exists for.
  // Set before any stack exists, because it is recorded as context.
  CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);

  // No `env`: the stacks are environment-agnostic, so synth needs neither credentials nor lookups.
  const stateful = new StatefulStack(app, 'VipStateful', {
    topology,
    description: `VIP programme ${config.programmeId}: table, event bus, mail configuration, link-signing secret`,
    terminationProtection: true,
  });
  const workflows = new WorkflowsStack(app, 'VipWorkflows', {
    topology,
    stateful,
    mail,
    programmeConfig: config,
    dashboard: { userPoolName: settings.dashboardUserPool, firstUserEmail: settings.dashboardFirstUser },
    alarmAddress: settings.alarmAddress,
    description: `VIP programme ${config.programmeId}: workflow functions, schedules, rules and task-link URL`,
  });
  Tags.of(app).add('vip:programme', config.programmeId);
  return { config, topology, stateful, workflows };
}

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin (the v2 Aspect is gone): unacknowledged errors
 * fail the synth, and every finding lands in the assembly's validation report.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const app = new App();
  try {
    buildVipApp(app, settingsFrom(app, process.env));
  } catch (error) {
    // A wrong setting or configuration is the operator's to fix: one message naming it, no stack trace.
    if (!(error instanceof InvalidConfigError || error instanceof InvalidSettingsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  addNagChecks(app);
  app.synth();
}
