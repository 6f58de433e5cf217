import type { CaseLinkAction } from '../../domain/surveys/case-link.ts';
import type { SurveyCase } from '../../domain/surveys/survey-case.ts';
import { caseFormPage, caseNoticePage, caseNoteMaxLength, caseNoteTooLong } from '../../mail/survey-case-page.ts';
import { surveyNoticePage, type SurveyPage } from '../../mail/survey-page.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { SurveyCaseStore } from '../../ports/survey-answers.ts';
import type { SurveyConfig } from '../../schemas/survey-config.ts';
import { attributeLabels } from './open-case.ts';
import type { FormRequest } from './answer-survey.ts';

export interface CaseLinkPorts {
  readonly cases: SurveyCaseStore;
  readonly managers: ManagerDirectory;
  readonly survey: SurveyConfig;
  readonly leadershipLanguage: 'ru' | 'en';
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Whether the step the link records is still to be done. */
function stillOpen(kase: SurveyCase, action: CaseLinkAction): boolean {
  return action === 'case-contacted' ? kase.state === 'open' : kase.state !== 'resolved';
}

/** The manager's link: GET shows the case and a note field; POST records "contacted" or "resolved", once. */
export async function handleCaseLink(caseId: string, action: CaseLinkAction, request: FormRequest, ports: CaseLinkPorts): Promise<SurveyPage> {
  let kase = await ports.cases.findCase(caseId);
  if (!kase) return caseNoticePage('missing', ports.leadershipLanguage);
  const language = (await ports.managers.getManagers([kase.managerId])).get(kase.managerId)?.language ?? ports.leadershipLanguage;
  if (!stillOpen(kase, action)) return caseNoticePage('again', language);
  const labels = attributeLabels(ports.survey, language);
  if (request.method === 'GET') return caseFormPage({ kase, action, language, labels });
  if (request.method !== 'POST') return surveyNoticePage('method', language);

  const note = (request.form.note ?? '').replace(/\r\n?/g, '\n').trim();
  if ([...note].length > caseNoteMaxLength) return caseFormPage({ kase, action, language, labels, note, status: 400, error: caseNoteTooLong(language) });
  const at = ports.now().toISOString();
  // A reminder or escalation may change the case between the read and the write: read again and retry.
  for (let attempt = 0; attempt < 5; attempt++) {
    const next: SurveyCase =
      action === 'case-contacted'
        ? { ...kase, state: 'contacted', contactedAt: at, ...(note && { contactNote: note }) }
        : { ...kase, state: 'resolved', resolvedAt: at, ...(note && { resolutionNote: note }) };
    if ((await ports.cases.replaceCase(kase, next, at)) === 'recorded') {
      ports.log?.('case step recorded', { caseId, action, accountId: kase.accountId });
      return caseNoticePage(action === 'case-contacted' ? 'done-contacted' : 'done-resolved', language);
    }
    const fresh = await ports.cases.findCase(caseId);
    if (!fresh || !stillOpen(fresh, action)) return caseNoticePage('again', language);
    kase = fresh;
  }
  throw new Error(`case ${caseId} kept changing while recording ${action}`);
}
