import type { Invitation } from '../../domain/surveys/invitation.ts';
import type { SurveyWave } from '../../domain/surveys/survey-wave.ts';
import { answerFormPage, formQuestionsOf, surveyNoticePage, type SurveyPage } from '../../mail/survey-page.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { StoredAnswer, SurveyAnswerStore } from '../../ports/survey-answers.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import { parseAnswerForm } from '../../schemas/survey-answer-form.ts';
import { surveyAnswerRecordedSchema } from '../../schemas/survey-answer-events.ts';
import { planCase, type OpenCasePorts } from './open-case.ts';

export interface AnswerSurveyPorts extends OpenCasePorts {
  readonly answers: SurveyAnswerStore;
  readonly publisher: EventPublisher;
  /** The programme's clock: when the answer is given (a simulated day in `vip simulate`). */
  readonly now: () => Date;
  /**
   * The wall clock, for the case mail's outbox record only: the sender compares due times with its
   * own clock, so a case opened on a simulated day is still mailed now (docs/decisions.md, issue 7).
   */
  readonly wallClock: () => Date;
  /** Ids and outcomes only; never a score, a comment, a name or an address. */
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface FormRequest {
  readonly method: string;
  readonly form: Readonly<Record<string, string>>;
}

function isClosed(invitation: Invitation, wave: SurveyWave | undefined, now: Date): boolean {
  return wave?.state === 'closed' || now.getTime() >= Date.parse(wave?.closesAt ?? invitation.closesAt);
}

/**
 * GET shows the form in the contact's language; POST validates it and records the answer once,
 * with its case if it opens one, then puts `SurveyAnswerRecorded` on the bus.
 */
export async function answerSurvey(invitationId: string, request: FormRequest, ports: AnswerSurveyPorts): Promise<SurveyPage> {
  const found = await ports.answers.findInvitation(invitationId);
  if (!found) return surveyNoticePage('invalid-link', undefined);
  const { invitation, wave } = found;
  const language = invitation.language;
  if (invitation.state === 'answered') {
    await publishIfPending(invitation, ports);
    return surveyNoticePage('already-answered', language);
  }
  const now = ports.now();
  if (isClosed(invitation, wave, now)) return surveyNoticePage('closed', language);
  if (invitation.state !== 'invited') return surveyNoticePage('not-open', language);

  const questions = formQuestionsOf(ports.survey, language);
  if (request.method === 'GET') return answerFormPage({ status: 200, language, questions });
  if (request.method !== 'POST') return surveyNoticePage('method', language);

  const shape = { csiAttributeIds: ports.survey.questions.csi.attributes.map((a) => a.id), commentMaxLength: ports.survey.questions.comment.maxLength };
  const parsed = parseAnswerForm(request.form, shape, language);
  if (!parsed.ok) {
    ports.log?.('answer refused: invalid form', { invitationId, fields: Object.keys(parsed.errors) });
    return answerFormPage({ status: 400, language, questions, values: request.form, errors: parsed.errors });
  }
  const answer: StoredAnswer = {
    invitationId,
    waveKey: invitation.waveKey,
    role: invitation.role,
    segment: invitation.segment,
    nps: parsed.answer.nps,
    ces: parsed.answer.ces,
    csi: parsed.answer.csi,
    ...(parsed.answer.comment !== undefined && { comment: parsed.answer.comment }),
    mayContact: parsed.answer.mayContact,
    answeredAt: now.toISOString(),
  };
  const opening = await planCase(invitation, answer, ports);
  const outcome = await ports.answers.recordAnswer(invitation, answer, opening, ports.wallClock().toISOString());
  ports.log?.('answer', { invitationId, waveKey: invitation.waveKey, outcome, caseOpened: outcome === 'recorded' && opening !== undefined });
  if (outcome === 'already-answered') {
    await publishIfPending(invitation, ports);
    return surveyNoticePage('already-answered', language);
  }
  if (outcome === 'not-open') return surveyNoticePage('not-open', language);
  await publish(answer, ports);
  return surveyNoticePage('thanks', language);
}

async function publish(answer: StoredAnswer, ports: AnswerSurveyPorts): Promise<void> {
  const detail = surveyAnswerRecordedSchema.parse({
    waveKey: answer.waveKey,
    invitationId: answer.invitationId,
    segment: answer.segment,
    nps: answer.nps,
    csi: answer.csi,
    ces: answer.ces,
    answeredAt: answer.answeredAt,
  });
  await ports.publisher.publish([{ source: eventSources.surveys, detailType: eventTypes.surveyAnswerRecorded, detail }]);
  await ports.answers.markEventPublished(answer.waveKey, answer.invitationId, ports.now().toISOString());
}

/**
 * An answer stored by a request that died before its event went out: the next visit of the
 * link (a reload, a second click) publishes it, so the scores never miss an answer.
 */
async function publishIfPending(invitation: Invitation, ports: AnswerSurveyPorts): Promise<void> {
  const answer = await ports.answers.getAnswer(invitation.waveKey, invitation.invitationId);
  if (answer && !answer.eventPublishedAt) await publish(answer, ports);
}
