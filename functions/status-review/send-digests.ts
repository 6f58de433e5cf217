import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { reviewCompletedSchema } from '../../shared/schemas/status-review-events.ts';
import { sendReviewDigests } from '../../shared/use-cases/status-review/send-digests.ts';
import { statusReviewPorts } from '../../shared/runtime/status-review-ports.ts';
import { unresolvedCasesOf } from '../../shared/use-cases/surveys/unresolved-cases.ts';

const ports = statusReviewPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const { detail } = parseEvent(reviewCompletedSchema, event, 'review completed event');
  const result = await sendReviewDigests(detail, {
    ...ports,
    leadershipAddress: ports.env.LEADERSHIP_ADDRESS,
    leadershipLanguage: ports.config.languages[0] ?? 'en',
    tierNames: Object.fromEntries(ports.config.statusReview.rules.tiers.map((t) => [t.id, t.name])),
    unresolvedCases: (managerId) => unresolvedCasesOf(ports.cases, managerId, new Date(), ports.config.timeZone),
    now: () => new Date(),
    log: (message, fields) => logger.warn(message, fields),
  });
  logger.info('status review digests', { reviewKey: detail.reviewKey, ...result });
  return result;
});
