import { describe, it, expect } from 'vitest';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import type { Invitation } from '../../shared/domain/surveys/invitation.ts';
import type { DomainEvent } from '../../shared/ports/event-publisher.ts';
import type { CaseOpening, StoredAnswer, SurveyAnswerStore } from '../../shared/ports/survey-answers.ts';
import { surveyConfigSchema } from '../../shared/schemas/survey-config.ts';
import { answerSurvey, type AnswerSurveyPorts } from '../../shared/use-cases/surveys/answer-survey.ts';

const survey = surveyConfigSchema.parse({});
const attributeIds = survey.questions.csi.attributes.map((a) => a.id);
const invitation: Invitation = {
  invitationId: 'AAAAAAAAAAAAAAAAAAAAAA',
  waveKey: '2027-Q1',
  accountId: 'A000042',
  contactId: 'C7',
  role: 'client',
  language: 'en',
  email: 'ivan.petrov@example.com',
  state: 'invited',
  invitedAt: '2027-01-12T02:00:00.000Z',
  remindersSent: [],
  closesAt: '2027-02-01T16:00:00.000Z',
  segment: { tier: 'profitable', city: 'Irkutsk', managerId: 'M001', customerType: 'business' },
};

/** One invitation on file; keeps what `recordAnswer` was given. */
class OneInvitation implements SurveyAnswerStore {
  readonly recorded: { answer: StoredAnswer; opening?: CaseOpening; queuedAt: string }[] = [];
  private state = invitation.state;
  async findInvitation(id: string) {
    return id === invitation.invitationId ? { invitation: { ...invitation, state: this.state } } : undefined;
  }
  async getAnswer() {
    return this.recorded[0] && { ...this.recorded[0].answer, eventPublishedAt: 'x' };
  }
  async recordAnswer(_inv: Invitation, answer: StoredAnswer, opening: CaseOpening | undefined, queuedAt: string) {
    if (this.state !== 'invited') return 'already-answered' as const;
    this.state = 'answered';
    this.recorded.push({ answer, ...(opening && { opening }), queuedAt });
    return 'recorded' as const;
  }
  async markEventPublished() {}
  async caseParties(_accountId: string, contactId: string | undefined) {
    return {
      accountName: 'Ural Steel',
      managerId: 'M001',
      manager: { managerId: 'M001', fullName: 'Anna Manager', email: 'anna@example.com', language: 'en' as const },
      ...(contactId && { contact: { fullName: 'Ivan Petrov', email: invitation.email } }),
    };
  }
}

function ports(store: SurveyAnswerStore, now: Date, wallClock: Date, logs: unknown[] = []): AnswerSurveyPorts {
  const events: DomainEvent[] = [];
  return {
    survey,
    timeZone: 'Asia/Irkutsk',
    answers: store,
    publisher: { publish: async (e) => void events.push(...e) },
    parties: (accountId, contactId) => store.caseParties(accountId, contactId),
    caseLinks: { linksFor: async (caseId) => ({ contacted: `https://x/s/${caseId}.c`, resolved: `https://x/s/${caseId}.r` }) },
    mailIdOf,
    leadershipAddress: 'leadership@example.com',
    leadershipLanguage: 'en',
    now: () => now,
    wallClock: () => wallClock,
    log: (message, fields) => logs.push({ message, fields }),
  };
}

const detractor = (extra: Record<string, string> = {}) => ({
  nps: '2',
  ces: '5',
  ...Object.fromEntries(attributeIds.map((id) => [`csi_${id}`, '7'])),
  comment: '<script>alert(1)</script> call me at ivan.petrov@example.com',
  may_contact: 'yes',
  ...extra,
});

describe('answering on the programme\'s clock', () => {
  it('dates the answer and its case on the given (simulated) day, but queues the case mail on the wall clock', async () => {
    // `vip simulate`: the demo client answers on 2027-01-15; the machine's clock says 2026-12-03.
    const simulated = new Date('2027-01-15T03:00:00.000Z');
    const wall = new Date('2026-12-03T18:00:00.000Z');
    const store = new OneInvitation();
    const page = await answerSurvey(invitation.invitationId, { method: 'POST', form: detractor() }, ports(store, simulated, wall));
    expect(page.status).toBe(200);
    const [recorded] = store.recorded;
    expect(recorded?.answer.answeredAt).toBe(simulated.toISOString());
    expect(recorded?.opening?.kase).toMatchObject({ openedAt: simulated.toISOString(), openedOn: '2027-01-15' });
    expect(recorded?.opening?.mail.kind).toBe('case-opened');
    expect(recorded?.queuedAt).toBe(wall.toISOString());
  });

  it('logs ids and outcomes only: no score, comment, name or address, refused or recorded', async () => {
    const logs: unknown[] = [];
    const store = new OneInvitation();
    const at = new Date('2027-01-15T03:00:00.000Z');
    expect((await answerSurvey(invitation.invitationId, { method: 'POST', form: detractor({ nps: '11' }) }, ports(store, at, at, logs))).status).toBe(400);
    expect((await answerSurvey(invitation.invitationId, { method: 'POST', form: detractor() }, ports(store, at, at, logs))).status).toBe(200);
    expect(logs).toHaveLength(2);
    const written = JSON.stringify(logs);
    expect(written).toContain(invitation.invitationId);
    expect(written).toContain('"caseOpened":true');
    for (const secret of ['script', 'ivan', 'Petrov', 'example.com', '"nps":', '"ces":', '"csi"', 'Ural', 'Anna']) expect(written).not.toContain(secret);
  });
});
