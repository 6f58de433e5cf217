import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { outboxKey } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { caseItem } from '../../shared/adapters/dynamodb/survey-case-items.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { eventSources, eventTypes } from '../../shared/schemas/event-names.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import { sharedEmulators } from './local-env.ts';

const config = loadProgrammeConfig(join(import.meta.dirname, '../../config/programme-a.json'));
const attributes = config.surveys.questions.csi.attributes.map((a) => a.id);
const leadership = `leadership-${randomUUID().slice(0, 8)}@example.com`;

/** n answers of one tier: NPS cycles through `nps`, every CSI attribute 9, CES 6. */
function answers(quarter: string, tier: string, n: number, nps: readonly number[]) {
  return Array.from({ length: n }, (_, i) => ({
    Source: eventSources.surveys,
    DetailType: eventTypes.surveyAnswerRecorded,
    EventBusName: 'vip-workflows',
    Detail: JSON.stringify({
      waveKey: quarter,
      invitationId: randomBytes(16).toString('base64url'),
      segment: { tier, city: 'Irkutsk', managerId: 'M001', customerType: 'business' },
      nps: nps[i % nps.length],
      csi: Object.fromEntries(attributes.map((id) => [id, 9])),
      ces: 6,
      answeredAt: '2027-01-20T05:00:00.000Z',
    }),
  }));
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface StoredMail {
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string };
  /** As aws-ses-v2-local keeps them: the bytes in base64. */
  readonly attachments?: readonly { readonly content: string; readonly contentType: string; readonly contentId?: string; readonly contentDisposition?: string }[];
}

/** The review mails the SES emulator received for this test's leadership address. */
async function reviewMails(): Promise<StoredMail[]> {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  return ((await response.json()) as { emails: StoredMail[] }).emails.filter((m) => m.destination.to.includes(leadership));
}

function kase(state: SurveyCase['state'], dueOn: string, contactedAt?: string): SurveyCase {
  const caseId = randomBytes(16).toString('base64url');
  return {
    caseId,
    waveKey: '2027-Q1',
    accountId: `A${caseId.slice(0, 5)}`,
    managerId: 'M001',
    state,
    reasons: [{ kind: 'nps', score: 3 }],
    scores: { nps: 3, ces: 6, csi: {} },
    mayContact: false,
    openedAt: '2027-01-20T05:00:00.000Z',
    openedOn: '2027-01-20',
    dates: { remindOn: '2027-01-21', dueOn, escalateOn: '2027-01-25' },
    reminded: true,
    escalated: true,
    ...(contactedAt && { contactedAt }),
  };
}

describe('the quarterly standards review on the emulators', () => {
  let stack: LocalStack;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    stack = await LocalStack.start({
      config,
      emulators: sharedEmulators(),
      tableName: `vip-test-${randomUUID().slice(0, 8)}`,
      senderAddress: `vip-${randomUUID().slice(0, 8)}@example.com`,
      leadershipAddress: leadership,
      handlerLogLevel: 'SILENT',
    });
    documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    const put = (item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: stack.tableName, Item: item }));
    await put({ ...keys.surveyWave('2026-Q4'), invited: 80, closesAt: '2026-11-03T02:00:00.000Z' });
    await put({ ...keys.surveyWave('2027-Q1'), invited: 100, closesAt: '2027-02-02T02:00:00.000Z' });
    // 2026-Q4: NPS 50 on 40 answers; 2027-Q1: NPS 70 on 40 answers (both above the target 40), and a small "profitable" tier far below.
    const events = [...answers('2026-Q4', 'highly-profitable', 40, [10, 10, 9, 8]), ...answers('2027-Q1', 'highly-profitable', 40, [10, 10, 10, 9, 9, 9, 9, 10, 10, 3]), ...answers('2027-Q1', 'profitable', 6, [2, 3])];
    for (let i = 0; i < events.length; i += 10) await stack.bus.putEvents(events.slice(i, i + 10));
    await stack.bus.drain();
    // Cases: one contacted within its SLA, one contacted late, one open and overdue.
    for (const c of [kase('contacted', '2027-01-22', '2027-01-21T03:00:00.000Z'), kase('resolved', '2027-01-22', '2027-01-24T03:00:00.000Z'), kase('open', '2027-01-22')]) await put(caseItem(c));
  });

  afterAll(async () => {
    documents?.destroy();
    await stack?.stop();
  });

  it('is computed once the wave has closed and queued for leadership and delivered to SES with its chart as an inline PNG, once', async () => {
    const before = await stack.runSchedule('scores-review-daily', new Date('2027-02-01T01:00:00Z'));
    expect(before).toBeDefined();
    const outbox = () => documents.send(new GetCommand({ TableName: stack.tableName, Key: outboxKey(mailIdOf('standards-review/2027-Q1')) }));
    expect((await outbox()).Item).toBeUndefined(); // the wave is still open

    await stack.runSchedule('scores-review-daily', new Date('2027-02-03T01:00:00Z'));
    await stack.runSchedule('scores-review-daily', new Date('2027-02-04T01:00:00Z'));
    const mail = (await outbox()).Item!;
    expect(mail).toMatchObject({ kind: 'standards-review', to: leadership, subject: 'Обзор сервисных стандартов: 2027-Q1' });
    expect(mail.html).toContain('<img src="cid:standards-review-chart"');
    // A link to the dashboard's page of the quarter, and the segments in the programme's language (cities too).
    expect(mail.html).toContain(`href="${stack.httpUrl}/dashboard?quarter=2027-Q1"`);
    expect(mail.text).toContain('Город: Иркутск');
    expect(mail.text).not.toContain('Irkutsk');
    const [chart] = mail.attachments as { fileName: string; contentType: string; contentId: string; base64: string }[];
    expect(chart).toMatchObject({ contentType: 'image/png', contentId: 'standards-review-chart' });
    const png = Buffer.from(chart!.base64, 'base64');
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(png.readUInt32BE(16)).toBeGreaterThan(300); // IHDR width in pixels

    // The sender carries it to SES with the chart: the emulator holds one mail per reviewed quarter
    // (2026-Q4's wave had closed too), its attachment the same PNG, inline under the content id the HTML refers to.
    const subjects = async () => (await reviewMails()).map((m) => m.subject).sort();
    // The sender drains the outbox as AWS would; settle waits for it however loaded the machine is.
    await stack.settle();
    await expect.poll(subjects, { timeout: 600_000, interval: 1_000 }).toEqual(['Обзор сервисных стандартов: 2026-Q4', 'Обзор сервисных стандартов: 2027-Q1']);
    const delivered = (await reviewMails()).filter((m) => m.subject.endsWith('2027-Q1'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.body.html).toContain('<img src="cid:standards-review-chart"');
    expect(delivered[0]!.attachments).toHaveLength(1);
    const sent = delivered[0]!.attachments![0]!;
    expect(sent).toMatchObject({ contentType: 'image/png', contentId: 'standards-review-chart', contentDisposition: 'INLINE' });
    const sentPng = Buffer.from(sent.content, 'base64');
    expect([...sentPng.subarray(0, 8)]).toEqual(pngSignature);
    expect(sentPng.equals(png)).toBe(true);

    const review = JSON.parse(String((await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.standardsReview('2027-Q1') }))).Item!.review));
    expect(review.answered).toBe(46);
    expect(review.closedLoop).toMatchObject({ opened: 3, contacted: 2, contactedWithinSla: 1, resolved: 1, open: 1, overdue: 1, withinSlaShare: 33.33 });
    expect(review.findings).toContainEqual(expect.objectContaining({ segment: 'all#all', measure: 'closed-loop-sla', value: 33.33, target: 90 }));
    // "profitable" (6 answers) is far below the target of 40 for NPS: a finding, its interval entirely below.
    expect(review.findings).toContainEqual(expect.objectContaining({ segment: 'tier#profitable', measure: 'nps', value: -100, clearlyBelow: true }));
    // Above target two quarters in a row -> a higher target, the lower of the two values rounded down:
    // highly-profitable NPS 75 (Q4: 30 promoters of 40) and 80 (Q1: 36 promoters, 4 detractors of 40), tier target 50;
    // all clients 75 and (36 - 10) / 46 = 56.52, general target 40.
    expect(review.proposals).toContainEqual({ segment: 'tier#highly-profitable', measure: 'nps', tier: 'highly-profitable', currentTarget: 50, proposedTarget: 75, values: [75, 80] });
    expect(review.proposals).toContainEqual({ segment: 'all#all', measure: 'nps', currentTarget: 40, proposedTarget: 56, values: [75, 56.52] });
    // Q4 had no cases, so the SLA share has no two quarters above target: no proposal for it.
    expect(review.proposals.find((p: { measure: string }) => p.measure === 'closed-loop-sla')).toBeUndefined();
  });
});
