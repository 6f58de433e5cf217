import { DynamoSurveyAnswerStore } from '../adapters/dynamodb/survey-answer-store.ts';
import { DynamoSurveyCaseStore } from '../adapters/dynamodb/survey-case-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { SignedCaseLinks } from '../adapters/links/signed-case-links.ts';
import { unsubscribeRequest } from '../use-cases/surveys/unsubscribe.ts';
import type { SurveyLinkPorts } from '../use-cases/surveys/survey-link.ts';
import { awsClients } from './aws-clients.ts';
import { surveyPorts } from './survey-ports.ts';

/** The composition root of the answer endpoint and the closed-loop run, on top of the survey ports. */
export function surveyAnswerPorts(log: (message: string, fields: Record<string, unknown>) => void): SurveyLinkPorts & { readonly linkBaseUrl: string } {
  const base = surveyPorts();
  const { env, config } = base;
  const documents = awsClients.documents();
  const answers = new DynamoSurveyAnswerStore(documents, env.TABLE_NAME);
  const now = () => new Date();
  return {
    survey: config.surveys,
    timeZone: config.timeZone,
    tokens: base.tokens,
    mailIdOf: base.mailIdOf,
    answers,
    cases: new DynamoSurveyCaseStore(documents, env.TABLE_NAME),
    managers: new DynamoManagerDirectory(documents, env.TABLE_NAME),
    publisher: base.events,
    parties: (accountId, contactId) => answers.caseParties(accountId, contactId),
    caseLinks: new SignedCaseLinks(base.linkBaseUrl, base.tokens),
    /** Empty for the answer endpoint on AWS (its own URL would be a cycle); see `withRequestBase`. */
    linkBaseUrl: base.linkBaseUrl,
    leadershipAddress: env.LEADERSHIP_ADDRESS,
    leadershipLanguage: config.languages[0] ?? 'en',
    unsubscribe: (request) => unsubscribeRequest(request, { lookup: base.store, suppressions: base.store, tokens: base.tokens, emailHash: base.emailHash, now }),
    now,
    wallClock: now,
    log,
  };
}

/** The endpoint's own base URL from the request's host when the environment cannot hold it. */
export function withRequestBase(ports: ReturnType<typeof surveyAnswerPorts>, domainName: string | undefined): SurveyLinkPorts {
  if (ports.linkBaseUrl || !domainName) return ports;
  return { ...ports, caseLinks: new SignedCaseLinks(`https://${domainName}/s`, ports.tokens) };
}
