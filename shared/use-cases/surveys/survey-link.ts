import { verifyEndpointLink } from '../../domain/surveys/case-link.ts';
import { surveyNoticePage, type SurveyPage } from '../../mail/survey-page.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';
import { answerSurvey, type AnswerSurveyPorts, type FormRequest } from './answer-survey.ts';
import { handleCaseLink, type CaseLinkPorts } from './case-link.ts';

export interface SurveyLinkRequest extends FormRequest {
  /** The last path segment as it arrived, still percent-encoded. */
  readonly rawToken: string;
}

export interface SurveyLinkPorts extends AnswerSurveyPorts, CaseLinkPorts {
  readonly tokens: TokenSignerSource;
  /** The sending side's unsubscribe request (confirmation page on GET, RFC 8058 one click on POST). */
  readonly unsubscribe: (request: { method: string; token: string }) => Promise<SurveyPage>;
}

function decodeToken(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Every signed link under `/s/`: the client's answer and unsubscribe links, the manager's case
 * links. The signature is checked before anything is read; a bad link stores nothing.
 */
export async function handleSurveyLink(request: SurveyLinkRequest, ports: SurveyLinkPorts): Promise<SurveyPage> {
  const token = decodeToken(request.rawToken);
  // A broken %-escape is a mangled link, not a server fault.
  if (token === undefined) return surveyNoticePage('invalid-link', undefined, 400);
  const verified = verifyEndpointLink(token, await ports.tokens.signer(), ports.now());
  if (!verified.ok) {
    ports.log?.('link refused', { reason: verified.reason });
    return surveyNoticePage(verified.reason === 'expired' ? 'expired' : 'invalid-link', undefined);
  }
  const { inv, act } = verified.claims;
  if (act === 'answer') return answerSurvey(inv, request, ports);
  if (act === 'case-contacted' || act === 'case-resolved') return handleCaseLink(inv, act, request, ports);
  return ports.unsubscribe({ method: request.method, token });
}
