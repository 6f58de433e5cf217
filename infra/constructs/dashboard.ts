import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { leadershipGroup } from '../../shared/domain/dashboard/leadership-access.ts';
import { dashboardAccessVariable } from '../../shared/runtime/dashboard-ports.ts';
import { buildSiteSync } from '../web/build-site.ts';
import type { StaticSiteSpec } from '../topology.ts';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/** Deployment parameters of the dashboard (README, "Deploy to AWS"). */
export interface DashboardSettings {
  /** The Cognito user pool's name. */
  readonly userPoolName: string;
  /** Address of the first member of the leadership group; Cognito mails them a temporary password. */
  readonly firstUserEmail: string;
  /**
   * Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region.
   * @default `vip-<programme id>-<account id>`
   */
  readonly signInDomainPrefix?: string;
}

const repositoryRoot = join(import.meta.dirname, '../..');

/**
 * The leadership dashboard on AWS: static pages in a private S3 bucket behind CloudFront (origin
 * access control), the data API on an HTTP API whose every route carries a Cognito user pool
 * authorizer, reached through the same distribution under `/api/*` (one origin, no CORS). Only
 * members of the `leadership` group get data: the handlers check the group claim as well.
 */
export class DashboardWorkflow extends Construct {
  readonly workflow: Workflow;
  readonly userPool: UserPool;
  readonly api: HttpApi;
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;
  /** The dashboard's address (https://<distribution>/dashboard/), for links in mails. */
  readonly pageUrl: string;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    const settings = props.dashboard;
    if (settings === undefined) throw new Error('the dashboard needs its deployment settings (vip:dashboardUserPool, vip:dashboardFirstUser)');
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'dashboard' });
    for (const fn of this.workflow.functions.values()) fn.function.addEnvironment(dashboardAccessVariable, 'cognito-leadership');
    const site = props.topology.staticSites.find((s) => s.workflow === 'dashboard');
    if (site === undefined) throw new Error('the topology has no static site of workflow "dashboard"');

    // --- who may sign in: a pool nobody can sign up to; an administrator adds members to the group.
    this.userPool = new UserPool(this, 'LeadershipPool', {
      userPoolName: settings.userPoolName,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnUserPoolGroup(this, 'LeadershipGroup', { userPoolId: this.userPool.userPoolId, groupName: leadershipGroup, description: 'May read the VIP dashboard and record standards adjustments' });
    const firstUser = new CfnUserPoolUser(this, 'FirstLeader', {
      userPoolId: this.userPool.userPoolId,
      username: settings.firstUserEmail,
      userAttributes: [
        { name: 'email', value: settings.firstUserEmail },
        { name: 'email_verified', value: 'true' },
      ],
      desiredDeliveryMediums: ['EMAIL'],
    });
    const membership = new CfnUserPoolUserToGroupAttachment(this, 'FirstLeaderMembership', { userPoolId: this.userPool.userPoolId, groupName: leadershipGroup, username: settings.firstUserEmail });
    membership.node.addDependency(firstUser);
    membership.node.addDependency(this.node.findChild('LeadershipGroup'));
    const signInDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: settings.signInDomainPrefix ?? Fn.join('-', ['vip', props.programmeConfig.programmeId, Aws.ACCOUNT_ID]) },
    });

    // --- the static pages: private bucket, TLS only, access-logged.
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with ACLs. cdk-nag's S1 counts a bucket that receives
      // server access logs as logged, so this one needs no log bucket of its own.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.siteBucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'pages/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // --- the data API: every route signed in with the pool (and the group checked in the handler).
    const apiLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.api = new HttpApi(this, 'DataApi', { description: 'Leadership dashboard data API (Cognito-signed, leadership group only)', createDefaultStage: false });
    const stage = new HttpStage(this, 'DataApiStage', { httpApi: this.api, stageName: '$default', autoDeploy: true, throttle: { rateLimit: 20, burstLimit: 40 } });
    (stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: apiLogs.logGroupArn,
      // Ids and outcomes only: the caller's subject, never an address.
      format: JSON.stringify({ requestId: '$context.requestId', route: '$context.routeKey', status: '$context.status', sub: '$context.authorizer.claims.sub', at: '$context.requestTime' }),
    };

    // --- CloudFront: pages from S3 (origin access control), /api/* to the API, nothing cached for the API.
    const indexRewrite = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Serves index.html for a path ending in "/" (S3 behind OAC has no website index)',
      code: FunctionCode.fromInline("function handler(event) { var r = event.request; if (r.uri.endsWith('/')) r.uri += 'index.html'; else if (r.uri === '" + site.pathPrefix + "') { return { statusCode: 301, statusDescription: 'Moved', headers: { location: { value: '" + site.pathPrefix + "/' } } }; } return r; }"),
    });
    this.distribution = new Distribution(this, 'Site', {
      comment: 'VIP leadership dashboard',
      defaultRootObject: `${site.pathPrefix.slice(1)}/index.html`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(`${this.api.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });
    const distribution = this.distribution.node.defaultChild as Construct;
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The distribution uses its *.cloudfront.net name and default certificate, which CloudFront pins to TLSv1 as the minimum; a custom domain with an ACM certificate (TLSv1.2_2021) is a deployment choice outside this app.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Leadership reads the dashboard while travelling; every page needs a Cognito sign-in with MFA and the data API a leadership-group token, so a geographic block would add no protection.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'A handful of signed-in leaders use it; the pages are static and every API route needs a Cognito token (rate-limited at the stage), so a WAF web ACL would cost more than the risk it removes.',
    });

    const pageUrl = `https://${this.distribution.distributionDomainName}${site.pathPrefix}/`;
    this.pageUrl = pageUrl;
    const client = new UserPoolClient(this, 'PagesClient', {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL], callbackUrls: [pageUrl], logoutUrls: [pageUrl] },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
    });
    const authorizer = new HttpUserPoolAuthorizer('Leadership', this.userPool, { userPoolClients: [client] });
    for (const route of props.topology.apiRoutes.filter((r) => r.workflow === 'dashboard'))
      this.api.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: new HttpLambdaIntegration(`${route.name}-integration`, this.workflow.functions.get(route.target)!.function),
        authorizer,
      });

    const apiBase = props.topology.apiRoutes.find((r) => r.workflow === 'dashboard')!.path.replace(/\/[^/]+$/, '');
    const deployment = new BucketDeployment(this, 'Publish', {
      destinationBucket: this.siteBucket,
      destinationKeyPrefix: site.pathPrefix.slice(1),
      sources: [
        Source.asset(siteAssetDir(this, site)),
        Source.jsonData('config.json', { apiBase, auth: { mode: 'cognito', domain: signInDomain.baseUrl(), clientId: client.userPoolClientId, redirectUri: pageUrl } }),
      ],
      distribution: this.distribution,
      distributionPaths: [`${site.pathPrefix}/*`],
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(deployment, this.siteBucket);

    new CfnOutput(this, 'DashboardUrl', { value: pageUrl, description: 'The leadership dashboard (sign-in with the Cognito pool, leadership group only)' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Add leaders: admin-create-user, then admin-add-user-to-group --group-name leadership' });
  }
}

/** The bundled pages, or, when the synth skips bundling (infrastructure tests), the unbundled folder. */
function siteAssetDir(scope: Construct, site: StaticSiteSpec): string {
  if (!Stack.of(scope).bundlingRequired) return join(repositoryRoot, site.sourceDir);
  return buildSiteSync(site, repositoryRoot, mkdtempSync(join(tmpdir(), 'vip-dashboard-site-')));
}

/**
 * BucketDeployment's copy function is a CDK singleton whose role and runtime the construct fixes;
 * its findings are acknowledged on that function, its role and its policy only, each with its reason.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, pagesBucket: Bucket): void {
  const stack = Stack.of(deployment);
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (handler === undefined) throw new Error('the BucketDeployment handler was not found; its findings cannot be acknowledged');
  const role = handler.node.findChild('ServiceRole');
  Validations.of(handler.node.defaultChild ?? handler).acknowledge({
    id: 'AwsSolutions-L1',
    reason: 'The BucketDeployment copy function is a CDK-managed singleton whose runtime the aws-s3-deployment module pins; it runs only during a deployment, never on a request.',
  });
  Validations.of(role.node.defaultChild ?? role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'The CDK-managed BucketDeployment function uses AWSLambdaBasicExecutionRole for its own log group; it runs only during deployments and handles no client data.',
  });
  // cdk-nag names each wildcard of the generated policy separately; each is acknowledged by name.
  const policy = role.node.findChild('DefaultPolicy').node.defaultChild!;
  const pages = Stack.of(deployment).getLogicalId(pagesBucket.node.defaultChild as CfnElement);
  for (const wildcard of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', `Resource::<${pages}.Arn>/*`, 'Resource::*'])
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[${wildcard}]`,
      reason: 'Generated by BucketDeployment: read the CDK asset bucket, replace the objects under the dashboard prefix of the pages bucket, and invalidate the distribution (CloudFront invalidations take no resource ARN). Only static pages, no client data.',
    });
}
