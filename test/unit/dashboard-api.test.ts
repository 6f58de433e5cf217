import { describe, expect, it } from 'vitest';
import { decideAccess, groupsOf } from '../../shared/domain/dashboard/leadership-access.ts';
import { answerDashboardRequest } from '../../shared/runtime/dashboard-http.ts';
import { standardAdjustmentSchema } from '../../shared/schemas/dashboard-api.ts';
import { recordStandard, InvalidAdjustmentError } from '../../shared/use-cases/dashboard/record-standard.ts';
import type { DashboardSource } from '../../shared/ports/dashboard-source.ts';
import type { DashboardRequest } from '../../shared/schemas/dashboard-request.ts';

const request = (claims?: Record<string, unknown>): DashboardRequest => ({
  rawPath: '/api/dashboard/overview',
  requestContext: { http: { method: 'GET' }, ...(claims && { authorizer: { jwt: { claims } } }) },
});

/** Counts what would have been read or written; every method fails the test if reached unexpectedly. */
function recordingSource() {
  const calls: string[] = [];
  const source = new Proxy({} as DashboardSource, {
    get: (_t, name) => async () => {
      calls.push(String(name));
      return [];
    },
  });
  return { source, calls };
}

describe('the leadership group check', () => {
  it('reads the group claim in every form API Gateway hands it over', () => {
    expect(groupsOf('[leadership finance]')).toEqual(['leadership', 'finance']);
    expect(groupsOf('finance,leadership')).toEqual(['finance', 'leadership']);
    expect(groupsOf(['leadership'])).toEqual(['leadership']);
    expect(groupsOf(undefined)).toEqual([]);
  });

  it('refuses a request that passed no authorizer (401) and a signed-in non-member (403); locally everyone', () => {
    expect(decideAccess('cognito-leadership', undefined)).toMatchObject({ allowed: false, status: 401 });
    expect(decideAccess('cognito-leadership', { sub: 'u1', 'cognito:groups': '[finance]' })).toMatchObject({ allowed: false, status: 403 });
    expect(decideAccess('cognito-leadership', { sub: 'u1' })).toMatchObject({ allowed: false, status: 403 });
    expect(decideAccess('cognito-leadership', { sub: 'u1', 'cognito:groups': '[leadership]' })).toEqual({ allowed: true });
    expect(decideAccess('local-no-sign-in', undefined)).toEqual({ allowed: true });
  });

  it('reads nothing for a refused request', async () => {
    const { source, calls } = recordingSource();
    const run = async () => ({ value: await source.scoredQuarters() });
    const noToken = await answerDashboardRequest(request(), 'cognito-leadership', run);
    const outsider = await answerDashboardRequest(request({ sub: 'u2', 'cognito:groups': '[sales]' }), 'cognito-leadership', run);
    expect([noToken.statusCode, outsider.statusCode]).toEqual([401, 403]);
    expect(JSON.parse(outsider.body)).toEqual({ error: 'only members of the "leadership" group may read the dashboard' });
    expect(calls).toEqual([]);
    const leader = await answerDashboardRequest(request({ sub: 'u3', 'cognito:groups': '[leadership]' }), 'cognito-leadership', run);
    expect(leader.statusCode).toBe(200);
    expect(leader.headers['cache-control']).toBe('no-store');
    expect(calls).toEqual(['scoredQuarters']);
  });
});

describe('a standards adjustment', () => {
  const valid = { measure: 'nps', target: 45, fromQuarter: '2027-Q2', reason: 'two quarters above 45', by: 'ceo@example.com' };
  const problems = (input: unknown) => {
    const parsed = standardAdjustmentSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('is accepted when complete, a form\'s text target read as a number', () => {
    expect(problems(valid)).toEqual([]);
    expect(standardAdjustmentSchema.parse({ ...valid, target: '5,5', measure: 'ces' }).target).toBe(5.5);
  });

  it('names each bad field: no reason, a target out of range, a quarter that does not exist, an empty target', () => {
    expect(problems({ ...valid, reason: ' ' })).toEqual(['reason: a reason of at least 3 characters is required']);
    expect(problems({ ...valid, target: 101 })).toEqual(['target: target 101 is out of range: expected NPS in points, -100 to 100']);
    expect(problems({ ...valid, measure: 'csi', target: -1 })[0]).toContain('target -1 is out of range');
    expect(problems({ ...valid, measure: 'ces', target: 8 })[0]).toContain('target 8 is out of range');
    expect(problems({ ...valid, fromQuarter: '2027-Q5' })).toEqual(['fromQuarter: a quarter such as "2027-Q1" (year, "-Q", 1 to 4)']);
    expect(problems({ ...valid, target: '' })[0]).toMatch(/^target: /);
    expect(problems({ ...valid, by: 'the boss' })).toEqual(['by: the e-mail address of who sets it']);
  });

  it('never rewrites a past quarter, and writes nothing when refused', async () => {
    const { source, calls } = recordingSource();
    const adjustment = standardAdjustmentSchema.parse({ ...valid, fromQuarter: '2026-Q3' });
    await expect(recordStandard(source, adjustment, new Date('2026-12-03T10:00:00Z'), '2026-Q4')).rejects.toThrow(InvalidAdjustmentError);
    expect(calls).toEqual([]);
    await recordStandard(source, standardAdjustmentSchema.parse(valid), new Date('2026-12-03T10:00:00Z'), '2026-Q4');
    expect(calls).toEqual(['recordStandard']);
  });
});
