import { demoAnswer, demoCaseSteps, demoTierRank } from '../../demo/demo-answers.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import { caseReasons } from '../../domain/surveys/closed-loop.ts';
import { answerSurvey, type AnswerSurveyPorts } from './answer-survey.ts';
import { handleCaseLink, type CaseLinkPorts } from './case-link.ts';

export interface DemoAnswersPorts extends Omit<AnswerSurveyPorts, 'now'> {
  readonly invitationsOf: (waveKey: string) => Promise<Invitation[]>;
  readonly tierIds: readonly string[];
}

export interface DemoAnswersResult {
  readonly waveKey: string;
  readonly invited: number;
  readonly answered: number;
  /** Answers planned for later than `until`, left for a later call. */
  readonly later: number;
  readonly casesOpened: number;
}

/**
 * Demo invitees answer through the same use case a browser's POST reaches (validation, one answer
 * per invitation, closed-loop case, event), each at its planned time within the wave. Answers
 * planned after `until` wait, so a simulation can call this as its clock moves on.
 */
export async function answerDemoInvitations(command: { waveKey: string; until: Date; share: number; seed: number }, ports: DemoAnswersPorts): Promise<DemoAnswersResult> {
  const invitations = await ports.invitationsOf(command.waveKey);
  let answered = 0;
  let later = 0;
  let casesOpened = 0;
  for (const invitation of invitations) {
    if (invitation.state !== 'invited') continue;
    const plan = demoAnswer({
      invitationId: invitation.invitationId,
      language: invitation.language,
      tierRank: demoTierRank(ports.tierIds, invitation.segment.tier),
      attributeIds: ports.survey.questions.csi.attributes.map((a) => a.id),
      openDays: ports.survey.openDays,
      share: command.share,
      seed: command.seed,
    });
    if (!plan) continue;
    const at = new Date(Date.parse(invitation.invitedAt) + plan.afterHours * 3_600_000);
    if (at > command.until || at.getTime() >= Date.parse(invitation.closesAt)) {
      if (at.getTime() < Date.parse(invitation.closesAt)) later++;
      continue;
    }
    const page = await answerSurvey(invitation.invitationId, { method: 'POST', form: plan.form }, { ...ports, now: () => at });
    if (page.status !== 200) continue;
    answered++;
    const csi = Object.fromEntries(Object.entries(plan.form).filter(([k]) => k.startsWith('csi_')).map(([k, v]) => [k.slice(4), Number(v)]));
    if (caseReasons({ nps: Number(plan.form.nps), ces: Number(plan.form.ces), csi }, ports.survey.closedLoop).length > 0) casesOpened++;
  }
  return { waveKey: command.waveKey, invited: invitations.length, answered, later, casesOpened };
}

export type DemoCasePorts = Omit<CaseLinkPorts, 'now'>;

export interface DemoCasesResult {
  readonly contacted: number;
  readonly resolved: number;
}

/**
 * Demo managers act on their closed-loop cases as the simulated clock reaches each planned step,
 * through the same use case as the signed links in the case mail ("contacted", then "resolved").
 */
export async function followUpDemoCases(command: { until: Date; seed: number }, ports: DemoCasePorts): Promise<DemoCasesResult> {
  let contacted = 0;
  let resolved = 0;
  for (const kase of await ports.cases.allCases()) {
    if (kase.state === 'resolved') continue;
    const steps = demoCaseSteps(kase.caseId, command.seed);
    const opened = Date.parse(kase.openedAt);
    const plan = [
      { action: 'case-contacted', at: new Date(opened + steps.contactedAfterHours * 3_600_000), note: 'Called the client.' },
      { action: 'case-resolved', at: new Date(opened + steps.resolvedAfterHours * 3_600_000), note: 'Agreed what we change.' },
    ] as const;
    for (const step of plan) {
      if (step.at > command.until) break;
      if (step.action === 'case-contacted' && kase.state !== 'open') continue;
      const page = await handleCaseLink(kase.caseId, step.action, { method: 'POST', form: { note: step.note } }, { ...ports, now: () => step.at });
      if (page.status !== 200) continue;
      if (step.action === 'case-contacted') contacted++;
      else resolved++;
    }
  }
  return { contacted, resolved };
}
