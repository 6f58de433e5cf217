import { DynamoSurveyAnswerStore } from '../adapters/dynamodb/survey-answer-store.ts';
import { DynamoSurveyCaseStore } from '../adapters/dynamodb/survey-case-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { unsubscribeRequest } from '../use-cases/surveys/unsubscribe.ts';
import { SignedCaseLinks } from '../use-cases/surveys/signed-case-links.ts';
import type { SurveyLinkPorts } from '../use-cases/surveys/survey-link.ts';
import { awsClients } from './aws-clients.ts';
import { surveyPorts } from './survey-ports.ts';

/** The composition root of the answer endpoint and the closed-loop run, on top of the survey ports. */
export function surveyAnswerPorts(log: (message: string, fields: Record<string, unknown>) => void): SurveyLinkPorts {
  const base = surveyPorts();
  const { env, config } = base;
  const documents = awsClients.documents();
  const answers = new DynamoSurveyAnswerStore(documents, env.TABLE_NAME);
  const now = () => new Date();
  return {
    survey: config.surveys,
    timeZone: config.timeZone,
    keyring: base.keyring,
    answers,
    cases: new DynamoSurveyCaseStore(documents, env.TABLE_NAME),
    managers: new DynamoManagerDirectory(documents, env.TABLE_NAME),
    publisher: base.events,
    parties: (accountId, contactId) => answers.caseParties(accountId, contactId),
    caseLinks: new SignedCaseLinks(base.linkBaseUrl, base.keyring),
    leadershipAddress: env.LEADERSHIP_ADDRESS,
    leadershipLanguage: config.languages[0] ?? 'en',
    unsubscribe: (request) => unsubscribeRequest(request, { lookup: base.store, suppressions: base.store, keyring: base.keyring, now }),
    now,
    log,
  };
}
