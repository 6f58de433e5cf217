import { caseDates, caseReasons } from '../../domain/surveys/closed-loop.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import type { SurveyCase } from '../../domain/surveys/survey-case.ts';
import { localDateOf } from '../../domain/local-date.ts';
import { caseOpenedMail } from '../../mail/survey-case-mail.ts';
import type { CaseLinkSigner } from '../../ports/link-signer.ts';
import type { MailIdOf } from '../../ports/outbox.ts';
import type { CaseOpening, CaseParties, StoredAnswer } from '../../ports/survey-answers.ts';
import type { SurveyConfig } from '../../schemas/survey-config.ts';

export interface OpenCasePorts {
  readonly survey: SurveyConfig;
  readonly timeZone: string;
  readonly parties: (accountId: string, contactId: string | undefined) => Promise<CaseParties>;
  readonly caseLinks: CaseLinkSigner;
  readonly mailIdOf: MailIdOf;
  readonly leadershipAddress: string;
  readonly leadershipLanguage: 'ru' | 'en';
}

export const attributeLabels = (survey: SurveyConfig, language: 'ru' | 'en') =>
  Object.fromEntries(survey.questions.csi.attributes.map((a) => [a.id, a.label[language]]));

/**
 * The case an answer opens, with the manager's mail, or nothing for a content client. The
 * contact's identity and comment are read and copied only when the client said yes.
 */
export async function planCase(invitation: Invitation, answer: StoredAnswer, ports: OpenCasePorts): Promise<CaseOpening | undefined> {
  const scores = { nps: answer.nps, ces: answer.ces, csi: answer.csi };
  const reasons = caseReasons(scores, ports.survey.closedLoop);
  if (reasons.length === 0) return undefined;
  const parties = await ports.parties(invitation.accountId, answer.mayContact ? invitation.contactId : undefined);
  const openedOn = localDateOf(new Date(answer.answeredAt), ports.timeZone);
  const contact = answer.mayContact && parties.contact ? { contactId: invitation.contactId, ...parties.contact, ...(answer.comment && { comment: answer.comment }) } : undefined;
  const kase: SurveyCase = {
    caseId: invitation.invitationId,
    waveKey: invitation.waveKey,
    accountId: invitation.accountId,
    ...(parties.accountName && { accountName: parties.accountName }),
    // The client's manager today; the segment snapshot only if the account has none on file.
    managerId: parties.managerId ?? invitation.segment.managerId,
    state: 'open',
    reasons,
    scores,
    mayContact: answer.mayContact,
    ...(contact && { contact }),
    openedAt: answer.answeredAt,
    openedOn,
    dates: caseDates(openedOn, ports.survey.closedLoop),
    reminded: false,
    escalated: false,
  };
  // Without a manager on file the case still opens; leadership gets the mail, without who answered.
  const manager = parties.manager;
  const language = manager?.language ?? ports.leadershipLanguage;
  const content = caseOpenedMail({
    kase: manager ? kase : withoutIdentity(kase),
    managerName: manager?.fullName ?? '',
    language,
    labels: attributeLabels(ports.survey, language),
    links: await ports.caseLinks.linksFor(kase.caseId, kase.openedAt),
  });
  return {
    kase,
    mail: {
      mailId: ports.mailIdOf(`case-opened/${kase.waveKey}/${kase.caseId}`),
      kind: 'case-opened',
      to: manager?.email ?? ports.leadershipAddress,
      ...content,
      about: { accountId: kase.accountId, ...(contact && { contactId: contact.contactId }) },
    },
  };
}

export function withoutIdentity(kase: SurveyCase): SurveyCase {
  const { contact: _contact, ...rest } = kase;
  return rest;
}
