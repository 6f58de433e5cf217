import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { Workflow, type WorkflowConstructProps } from './workflow.ts';

/** The topology endpoint whose URL the survey mails link to (`SURVEY_LINK_BASE_URL`). */
const surveyLinkEndpoint = 'survey-links';

/**
 * The quarterly surveys: opens a wave and invites its recipients, reminds non-responders and
 * closes the wave, serves the links in survey mails, and suppresses addresses that bounce,
 * complain or unsubscribe.
 */
export class SurveysWorkflow extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: WorkflowConstructProps) {
    super(scope, id);
    this.workflow = new Workflow(this, 'Workflow', { ...props, workflow: 'surveys' });

    // Auth NONE on purpose: clients open these links from their mail, without AWS credentials.
    // Every link carries an HMAC signature with a key id over the invitation id, the action and
    // the expiry, which the function verifies before it reads or changes anything.
    const urls = new Map(
      this.workflow.httpEndpoints.map((endpoint) => [endpoint.name, this.workflow.exposeHttpEndpoint(endpoint.name, FunctionUrlAuthType.NONE)]),
    );

    const surveyLinkUrl = urls.get(surveyLinkEndpoint);
    for (const fn of this.workflow.functions.values()) {
      if (fn.spec.grants.surveyLinkUrl !== true) continue;
      if (surveyLinkUrl === undefined) throw new Error(`${fn.name} needs the survey-link URL, but workflow "surveys" has no http endpoint "${surveyLinkEndpoint}"`);
      // The function URL ends in "/"; links are <url>s/<token>, the same path as locally.
      fn.setSurveyLinkBaseUrl(`${surveyLinkUrl.url}s`);
    }
  }
}
