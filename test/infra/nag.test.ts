/**
 * cdk-nag 3 is a CDK policy-validation plugin: it no longer writes AwsSolutions-* annotations, so
 * `Annotations.findError/findWarning` alone would pass vacuously. The checks here are the plugin's
 * own report (errors AND warnings), the synth it guards, and an inventory of every acknowledgment.
 */
import { CfnResource, Validations, type Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
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
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^Annotation::/, ''), reason, on: construct })),
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
    // The dashboard's (infra/constructs/dashboard.ts): the default CloudFront certificate, no geo block and
    // no WAF on the distribution, the log bucket's own logs, and the CDK-managed page upload function.
    const dashboard = found.filter((ack) => /^AwsSolutions-(CFR\d|IAM4\[|IAM5\[)/.test(ack.id) && !ack.path.includes('/Mail/Workflow/'));
    expect(dashboard.map((ack) => ack.id.replace(/\[.*$/, '')).sort()).toEqual(
      ['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-IAM4', ...Array<string>(8).fill('AwsSolutions-IAM5')].sort(),
    );
    // aws-cdk-lib's own, on the dashboard's log bucket (CloudFront logs need ACLs there).
    expect(found.filter((ack) => ack.id === 'CloudFormation-Validate::W3045').map((ack) => ack.path)).toEqual([expect.stringContaining('Dashboard/AccessLogs')]);
    expect(found.filter((ack) => ack.id === 'AwsSolutions-L1' && ack.path.includes('Custom::CDKBucketDeployment'))).toHaveLength(1);
    expect(byRule('AwsSolutions-L1')).toBe(synth.functionLogicalIds.size + 1);
    expect(byRule('AwsSolutions-SQS3')).toBe(synth.workflows.workflows.size);
    expect(byRule('AwsSolutions-SMG4')).toBe(1);
    // ses:GetAccount and dynamodb:ListStreams, each alone in a policy on the outbox sender.
    const outboxSender = found.filter((ack) => ack.id === 'AwsSolutions-IAM5[Resource::*]' && ack.path.includes('/Mail/Workflow/'));
    expect(outboxSender.map((ack) => ack.path).sort()).toEqual([expect.stringContaining('mail-outbox-inserts-list-streams'), expect.stringContaining('mailSender/MailQuotaPolicy')]);
    expect(found).toHaveLength(synth.functionLogicalIds.size + 1 + synth.workflows.workflows.size + 1 + dashboard.length + 1 + outboxSender.length);
  });

  it('each silence a finding that really occurs, so none is stale', () => {
    for (const ack of acknowledgments()) {
      const resource = resourceOf(ack.on);
      if (ack.id.endsWith('AwsSolutions-L1')) {
        expect(resource).toBeInstanceOf(CfnFunction);
        expect(rules.lambda.LambdaLatestVersion(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
      } else if (/^AwsSolutions-CFR[124]$/.test(ack.id)) {
        expect(resource).toBeInstanceOf(CfnDistribution);
        const rule = { 'AwsSolutions-CFR1': rules.cloudfront.CloudFrontDistributionGeoRestrictions, 'AwsSolutions-CFR2': rules.cloudfront.CloudFrontDistributionWAFIntegration, 'AwsSolutions-CFR4': rules.cloudfront.CloudFrontDistributionHttpsViewerNoOutdatedSSL }[ack.id]!;
        expect(rule(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
      } else if (ack.id === 'CloudFormation-Validate::W3045') {
        expect(resource).toBeInstanceOf(CfnBucket);
      } else if ((ack.id.startsWith('AwsSolutions-IAM4[') || ack.id.startsWith('AwsSolutions-IAM5[')) && !ack.path.includes('/Mail/Workflow/')) {
        // Granular findings of the CDK-managed BucketDeployment function's role and policy.
        expect(ack.path).toContain('Custom::CDKBucketDeployment');
        expect(resource instanceof CfnRole || resource instanceof CfnPolicy).toBe(true);
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
