/**
 * The dashboard on AWS: every data API route signed in through the Cognito user pool authorizer,
 * routes exactly as the topology lists them, the pages' bucket private and reachable only by the
 * distribution (origin access control), and the handlers told to check the leadership group.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../infra/topology.ts';
import { propertiesOf, synthesize, type SynthesizedApp } from './synth.ts';

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesize({ bundle: false });
});

describe('the dashboard data API', () => {
  it('has exactly the topology\'s routes, each behind the Cognito user pool (JWT) authorizer', () => {
    const template = synth.workflowsTemplate;
    const authorizers = propertiesOf(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(Object.values(authorizers)).toHaveLength(1);
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(authorizer.JwtConfiguration)).toContain('cognito-idp');
    const routes = Object.values(propertiesOf(template, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
      expect(route.AuthorizerId, String(route.RouteKey)).toEqual({ Ref: authorizerId });
    }
  });

  it('tells its handlers to accept only the leadership group', () => {
    for (const name of ['dashboardRead', 'dashboardRecordStandard'] as const) {
      const fn = synth.workflowsTemplate.toJSON().Resources[synth.functionLogicalIds.get(name)!];
      expect(fn.Properties.Environment.Variables.DASHBOARD_ACCESS).toBe('cognito-leadership');
    }
  });

  it('keeps the stage\'s access log and a throttle', () => {
    const [stage] = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::ApiGatewayV2::Stage'));
    expect(JSON.stringify(stage?.AccessLogSettings)).toContain('ApiAccessLogs');
    expect(stage?.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 20 });
  });

  it('lets nobody sign up: a leadership group, the first leader in it, MFA required', () => {
    const [pool] = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Cognito::UserPool'));
    expect(pool?.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool?.MfaConfiguration).toBe('ON');
    expect(Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Cognito::UserPoolGroup')).map((g) => g.GroupName)).toEqual(['leadership']);
    const [member] = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Cognito::UserPoolUserToGroupAttachment'));
    expect(member).toMatchObject({ GroupName: 'leadership', Username: 'first.leader@example.com' });
  });
});

describe('the dashboard pages', () => {
  it('sit in a private, encrypted, TLS-only bucket that only the distribution may read', () => {
    const buckets = propertiesOf(synth.workflowsTemplate, 'AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThan(0);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.BucketEncryption).toBeDefined();
      expect(bucket.WebsiteConfiguration).toBeUndefined();
    }
    for (const policy of Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::S3::BucketPolicy'))) {
      const statements = (policy.PolicyDocument as { Statement: Array<{ Effect: string; Principal?: unknown; Action: unknown; Condition?: unknown }> }).Statement;
      // TLS enforced on every bucket.
      expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'))).toBe(true);
      for (const s of statements.filter((x) => x.Effect === 'Allow')) {
        // No public read: never "*", and CloudFront only for its own distribution.
        expect(JSON.stringify(s.Principal)).not.toBe('"*"');
        expect(JSON.stringify(s.Principal)).not.toContain('"AWS":"*"');
        if (JSON.stringify(s.Principal).includes('cloudfront.amazonaws.com')) expect(JSON.stringify(s.Condition)).toContain('AWS:SourceArn');
      }
    }
  });

  it('are served by CloudFront through origin access control, HTTPS only, the API under /api/* uncached', () => {
    const [oac] = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::CloudFront::OriginAccessControl'));
    expect(oac?.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
    const [distribution] = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::CloudFront::Distribution'));
    const config = distribution?.DistributionConfig as { DefaultCacheBehavior: { ViewerProtocolPolicy: string }; CacheBehaviors: Array<{ PathPattern: string; ViewerProtocolPolicy: string; CachePolicyId: string }>; Logging?: unknown };
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    expect(api?.ViewerProtocolPolicy).toBe('https-only');
    // AWS's managed CachingDisabled policy.
    expect(api?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(config.Logging).toBeDefined();
  });
});
