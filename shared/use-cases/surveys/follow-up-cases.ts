import { caseActionOn } from '../../domain/surveys/closed-loop.ts';
import type { SurveyCase } from '../../domain/surveys/survey-case.ts';
import { localDateOf } from '../../domain/local-date.ts';
import { caseEscalationMail, caseReminderMail } from '../../mail/survey-case-mail.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { CaseLinkSigner } from '../../ports/link-signer.ts';
import type { MailIdOf, OutboxMail } from '../../ports/outbox.ts';
import type { SurveyCaseStore } from '../../ports/survey-answers.ts';
import type { SurveyConfig } from '../../schemas/survey-config.ts';
import { attributeLabels } from './open-case.ts';

export interface FollowUpCasesPorts {
  readonly cases: SurveyCaseStore;
  readonly managers: ManagerDirectory;
  readonly caseLinks: CaseLinkSigner;
  readonly mailIdOf: MailIdOf;
  readonly survey: SurveyConfig;
  readonly timeZone: string;
  readonly leadershipAddress: string;
  readonly leadershipLanguage: 'ru' | 'en';
  /** When the mails are queued: due at once, whatever day the run stands for. */
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface FollowUpCasesResult {
  readonly day: string;
  readonly reminders: number;
  readonly escalations: number;
  /** Cases the index offered that owed nothing after all (already done by an earlier run). */
  readonly nothingOwed: number;
}

/**
 * The daily closed-loop run: reminds the manager of each case not yet contacted on its reminder
 * day, and escalates to leadership once its SLA has passed. Reads only the open cases owed
 * something by today (sparse index); each mail is queued in the transaction that flags the
 * case, so a rerun sends nothing twice and a missed day is caught up on the next.
 */
export async function followUpCases(input: { scheduledTime: Date }, ports: FollowUpCasesPorts): Promise<FollowUpCasesResult> {
  const day = localDateOf(input.scheduledTime, ports.timeZone);
  const at = ports.now().toISOString();
  const due = await ports.cases.casesDueBy(day);
  const managers = await ports.managers.getManagers([...new Set(due.map((c) => c.managerId))]);
  let reminders = 0;
  let escalations = 0;
  let nothingOwed = 0;
  for (const found of due) {
    let kase: SurveyCase | undefined = found;
    for (let attempt = 0; kase && attempt < 3; attempt++) {
      const action = caseActionOn(day, kase);
      if (action === 'none') {
        nothingOwed++;
        break;
      }
      const manager = managers.get(kase.managerId);
      let mail: OutboxMail | undefined;
      let next: SurveyCase;
      if (action === 'remind' && manager) {
        const content = caseReminderMail({ kase, managerName: manager.fullName, language: manager.language, links: await ports.caseLinks.linksFor(kase.caseId, kase.openedAt) });
        mail = { mailId: ports.mailIdOf(`case-reminder/${kase.waveKey}/${kase.caseId}`), kind: 'case-reminder', to: manager.email, ...content, about: { accountId: kase.accountId } };
        next = { ...kase, reminded: true };
      } else if (action === 'remind') {
        // No manager to remind: the reminder day passes quietly and the escalation still comes.
        next = { ...kase, reminded: true };
      } else {
        const managerLabel = manager ? `${manager.fullName} (${manager.managerId})` : kase.managerId;
        const content = caseEscalationMail({ kase, managerLabel, language: ports.leadershipLanguage, labels: attributeLabels(ports.survey, ports.leadershipLanguage) });
        mail = { mailId: ports.mailIdOf(`case-escalation/${kase.waveKey}/${kase.caseId}`), kind: 'case-escalation', to: ports.leadershipAddress, ...content, about: { accountId: kase.accountId } };
        // A run that missed the reminder day escalates straight away; the reminder is moot then.
        next = { ...kase, reminded: true, escalated: true };
      }
      if ((await ports.cases.replaceCase(kase, next, at, mail)) === 'recorded') {
        if (action === 'remind' && mail) reminders++;
        if (action === 'escalate') escalations++;
        break;
      }
      kase = await ports.cases.findCase(kase.caseId);
    }
  }
  ports.log?.('closed-loop cases followed up', { day, offered: due.length, reminders, escalations, nothingOwed });
  return { day, reminders, escalations, nothingOwed };
}
