/**
 * cdk-nag 3 is a CDK policy-validation plugin: it no longer writes AwsSolutions-* annotations, so
 * `Annotations.findError/findWarning` alone would pass vacuously. The checks here are the plugin's
 * own report (errors AND warnings), the synth it guards, and an inventory of every acknowledgment.
 */
import { CfnResource, Validations, type Stack } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagRuleCompliance, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addNagChecks } from '../../infra/app.ts';
import { synthesize, type SynthesizedApp } from './synth.ts';

let synth: SynthesizedApp;
beforeAll(() => {
  // Registered exactly as infra/app.ts does; an unacknowledged error would make this synth throw.
  // No bundling: the checks read resources, not code.
  synth = synthesize({ configure: (app) => addNagChecks(app), bundle: false });
});

const stacks = (): Stack[] => [synth.stateful, synth.workflows];

interface Acknowledgment {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
  readonly on: IConstruct;
}

function acknowledgments(): Acknowledgment[] {
  return synth.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason, on: construct })),
      ),
  );
}

/** The CloudFormation resource an acknowledgment sits on (itself, or an L2's default child). */
function resourceOf(construct: IConstruct): CfnResource {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (resource === undefined || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} is not a resource`);
  return resource;
}

describe('AwsSolutions checks', () => {
  it('report no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synth.app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leave no AwsSolutions or other annotation on the stacks', () => {
    for (const stack of stacks()) {
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});

describe('acknowledgments', () => {
  it('are only the expected ones, each on a single resource, none stack-wide', () => {
    const found = acknowledgments();
    for (const ack of found) {
      expect(stacks().some((stack) => stack.node.path === ack.path), `${ack.id} on a whole stack`).toBe(false);
      expect(ack.reason.length, `${ack.id} at ${ack.path} needs a specific reason`).toBeGreaterThan(60);
    }
    const byRule = (id: string): number => found.filter((ack) => ack.id.endsWith(id)).length;
    expect(byRule('AwsSolutions-L1')).toBe(synth.functionLogicalIds.size);
    expect(byRule('AwsSolutions-SQS3')).toBe(synth.workflows.workflows.size);
    expect(byRule('AwsSolutions-SMG4')).toBe(1);
    // ses:GetAccount and dynamodb:ListStreams, each alone in a policy on the outbox sender.
    expect(byRule('AwsSolutions-IAM5[Resource::*]')).toBe(2);
    expect(found).toHaveLength(synth.functionLogicalIds.size + synth.workflows.workflows.size + 1 + 2);
  });

  it('each silence a finding that really occurs, so none is stale', () => {
    for (const ack of acknowledgments()) {
      const resource = resourceOf(ack.on);
      if (ack.id.endsWith('AwsSolutions-L1')) {
        expect(resource).toBeInstanceOf(CfnFunction);
        expect(rules.lambda.LambdaLatestVersion(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
      } else if (ack.id.endsWith('AwsSolutions-SQS3')) {
        expect(resource).toBeInstanceOf(CfnQueue);
        expect(rules.sqs.SQSQueueDLQ(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
      } else if (ack.id.endsWith('AwsSolutions-SMG4')) {
        expect(resource).toBeInstanceOf(CfnSecret);
        expect(ack.path).toBe(synth.stateful.linkSecret.node.path);
        expect(rules.secretsmanager.SecretsManagerRotationEnabled(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
      } else if (ack.id.endsWith('AwsSolutions-IAM5[Resource::*]')) {
        expect(resource).toBeInstanceOf(CfnPolicy);
        expect(ack.path).toContain('/Mail/Workflow/');
        // A granular rule: it names the findings, here exactly the one wildcard acknowledged.
        expect(rules.iam.IAMNoWildcardPermissions(resource)).toEqual(['Resource::*']);
        const statements = (resource as CfnPolicy).policyDocument.toJSON().Statement as { Action: string; Resource: string }[];
        expect(statements).toHaveLength(1);
        expect(['ses:GetAccount', 'dynamodb:ListStreams']).toContain(statements[0]!.Action);
      } else throw new Error(`unexpected acknowledgment ${ack.id} at ${ack.path}`);
    }
  });
});
