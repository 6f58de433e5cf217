import type { z } from 'zod';
import { decideAccess, type DashboardAccessMode } from '../domain/dashboard/leadership-access.ts';
import type { ApiError, ApiFieldProblem } from '../schemas/dashboard-api.ts';
import type { DashboardRequest } from '../schemas/dashboard-request.ts';
import { NoScoresError } from '../use-cases/dashboard/read-dashboard.ts';
import { InvalidAdjustmentError } from '../use-cases/dashboard/record-standard.ts';
import { InvalidStandardError } from '../use-cases/scores/standards.ts';
import { logger } from './logger.ts';

export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Bad input the caller can correct: 400 with one entry per field. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(readonly fields: ApiFieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
  static fromZod(error: z.ZodError, prefix?: string): BadRequestError {
    return new BadRequestError(error.issues.map((i) => ({ field: [prefix, ...i.path].filter((p) => p !== undefined).join('.') || '(body)', message: i.message })));
  }
}

const reply = (statusCode: number, value: unknown): HttpAnswer => ({
  statusCode,
  // Leadership figures: never cached by a browser or CloudFront.
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

const failure = (statusCode: number, error: ApiError) => reply(statusCode, error);

/**
 * The access check first (nothing is read for a refused request), then the use case; the errors a
 * caller can act on become 400/404 with a message, anything else is thrown (a 500 without details).
 */
export async function answerDashboardRequest(request: DashboardRequest, mode: DashboardAccessMode, run: () => Promise<{ status?: number; value: unknown }>): Promise<HttpAnswer> {
  const access = decideAccess(mode, request.requestContext.authorizer?.jwt.claims);
  if (!access.allowed) {
    logger.warn('dashboard request refused', { path: request.rawPath, status: access.status });
    return failure(access.status, { error: access.reason });
  }
  try {
    const { status, value } = await run();
    return reply(status ?? 200, value);
  } catch (error) {
    if (error instanceof BadRequestError) return failure(400, { error: 'invalid input', fields: error.fields });
    if (error instanceof InvalidAdjustmentError) return failure(400, { error: 'invalid input', fields: [{ ...error.problem }] });
    if (error instanceof InvalidStandardError) return failure(400, { error: 'invalid input', fields: error.problems.map((p) => ({ ...p })) });
    if (error instanceof NoScoresError) return failure(404, { error: error.message });
    throw error;
  }
}
