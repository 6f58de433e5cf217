import { verifyEndpointLink } from '../../domain/surveys/case-link.ts';
import { surveyNoticePage, type SurveyPage } from '../../mail/survey-page.ts';
import type { LinkKeyringSource } from '../../ports/link-keyring.ts';
import { answerSurvey, type AnswerSurveyPorts, type FormRequest } from './answer-survey.ts';
import { handleCaseLink, type CaseLinkPorts } from './case-link.ts';

export interface SurveyLinkRequest extends FormRequest {
  /** The last path segment as it arrived, still percent-encoded. */
  readonly rawToken: string;
}

export interface SurveyLinkPorts extends AnswerSurveyPorts, CaseLinkPorts {
  readonly keyring: LinkKeyringSource;
  /** The sending side's unsubscribe (suppresses the address, marks the invitation); idempotent. */
  readonly unsubscribe: (invitationId: string, at: string) => Promise<unknown>;
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
  const verified = verifyEndpointLink(token, await ports.keyring.keyring(), ports.now());
  if (!verified.ok) {
    ports.log?.('link refused', { reason: verified.reason });
    return surveyNoticePage(verified.reason === 'expired' ? 'expired' : 'invalid-link', undefined);
  }
  const { inv, act } = verified.claims;
  if (act === 'answer') return answerSurvey(inv, request, ports);
  if (act === 'case-contacted' || act === 'case-resolved') return handleCaseLink(inv, act, request, ports);
  return unsubscribePage(inv, request, ports);
}

/** GET confirms with a button (a mail scanner's prefetch must not unsubscribe anyone); POST is RFC 8058's one click. */
async function unsubscribePage(invitationId: string, request: FormRequest, ports: SurveyLinkPorts): Promise<SurveyPage> {
  const language = (await ports.answers.findInvitation(invitationId))?.invitation.language;
  if (request.method === 'GET') return surveyNoticePage('unsubscribe-confirm', language);
  if (request.method !== 'POST') return surveyNoticePage('method', language);
  await ports.unsubscribe(invitationId, ports.now().toISOString());
  ports.log?.('unsubscribed', { invitationId });
  return surveyNoticePage('unsubscribed', language);
}
