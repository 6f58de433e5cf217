import { describe, expect, it } from 'vitest';
import { decideAccess, groupsOf } from '../../shared/domain/dashboard/leadership-access.ts';
import { answerDashboardRequest } from '../../shared/runtime/dashboard-http.ts';
import { adjustmentProblems, standardAdjustmentSchema } from '../../shared/schemas/dashboard-api.ts';
import { InvalidStandardError, setStandard } from '../../shared/use-cases/scores/standards.ts';
import { localiser } from '../../shared/web/dashboard/i18n.ts';
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

describe('a refused adjustment, worded in the page\'s language', () => {
  const valid = { measure: 'nps', target: 45, fromQuarter: '2027-Q2', reason: 'two quarters above 45', by: 'ceo@example.com' };
  const codes = (input: Record<string, unknown>) => {
    const parsed = standardAdjustmentSchema.safeParse(input);
    if (parsed.success) return [];
    return adjustmentProblems(parsed.error, input).map(({ field, code, params }) => ({ field, code, ...(params && { params }) }));
  };

  it('gives every bad field of the form a code and the figures its wording needs', () => {
    expect(codes({ ...valid, target: 150 })).toEqual([{ field: 'target', code: 'target.range', params: { min: -100, max: 100 } }]);
    expect(codes({ ...valid, measure: 'ces', target: '9' })).toEqual([{ field: 'target', code: 'target.range', params: { min: 1, max: 7 } }]);
    expect(codes({ ...valid, target: 'many' })).toEqual([{ field: 'target', code: 'target.number' }]);
    expect(codes({ ...valid, fromQuarter: '2027-Q5', reason: '', by: 'the boss' })).toEqual([
      { field: 'fromQuarter', code: 'fromQuarter.unknown' },
      { field: 'reason', code: 'reason.missing' },
      { field: 'by', code: 'by.email' },
    ]);
    expect(codes({ ...valid, reason: 'x'.repeat(501) })).toEqual([{ field: 'reason', code: 'reason.tooLong' }]);
    expect(codes({ ...valid, measure: 'happiness' })[0]).toEqual({ field: 'measure', code: 'measure.unknown' });
  });

  it('answers the use case\'s problems as 400 with their codes: an unknown tier, a past quarter', async () => {
    const unknownTier = await answerDashboardRequest(request(), 'local-no-sign-in', async () => ({
      value: await setStandard({ ...valid, tier: 'platinum', at: '2026-12-03T10:00:00Z' }, { standards: { records: async () => [], add: async () => {} }, tiers: ['profitable'] }),
    }));
    expect(unknownTier.statusCode).toBe(400);
    expect(JSON.parse(unknownTier.body).fields).toEqual([{ field: 'tier', code: 'tier.unknown', message: 'tier "platinum" is unknown: expected one of profitable' }]);
    const passed = await answerDashboardRequest(request(), 'local-no-sign-in', async () => ({
      value: await recordStandard(recordingSource().source, standardAdjustmentSchema.parse({ ...valid, fromQuarter: '2026-Q3' }), new Date('2026-12-03T10:00:00Z'), '2026-Q4'),
    }));
    expect(JSON.parse(passed.body).fields).toEqual([
      { field: 'fromQuarter', code: 'fromQuarter.passed', params: { quarter: '2026-Q3', current: '2026-Q4' }, message: '2026-Q3 has passed; a target applies from 2026-Q4 or a later quarter' },
    ]);
  });

  it('keeps the command line\'s English: the same problems, one a line', async () => {
    const refused = setStandard({ measure: 'csi', target: 101, fromQuarter: '2027-Q5', at: '2026-12-03T10:00:00Z' }, { standards: { records: async () => [], add: async () => {} }, tiers: [] });
    await expect(refused).rejects.toThrow(InvalidStandardError);
    await expect(refused).rejects.toThrow(/^target 101 is out of range: expected CSI, 0 to 100\n--from: .*\n--reason is required: say why the target changes\n--by is required/);
  });

  it('words each code in Russian and English, numbers and quarters the language\'s way', () => {
    const ru = localiser('ru');
    const en = localiser('en');
    expect(ru.problem('target.range', { min: -100, max: 100 })).toBe('вне допустимого диапазона: от −100 до 100');
    expect(en.problem('target.range', { min: 1, max: 7 })).toBe('out of range: expected 1 to 7');
    expect(ru.problem('fromQuarter.passed', { quarter: '2026-Q3', current: '2026-Q4' })).toBe('III кв. 2026 уже прошёл: цель может действовать с IV кв. 2026 или позже');
    expect(en.problem('fromQuarter.passed', { quarter: '2026-Q3', current: '2026-Q4' })).toBe('Q3 2026 has passed: a target applies from Q4 2026 or later');
    expect(ru.problem('reason.missing')).toBe('укажите причину (не короче 3 символов)');
    expect(ru.problem('by.email')).toMatch(/^нужен адрес e-mail/);
  });

  it('names a city in the page\'s language, whichever spelling it was imported in', () => {
    expect(localiser('ru').segmentValue('city', 'Irkutsk')).toBe('Иркутск');
    expect(localiser('en').segmentValue('city', 'Irkutsk')).toBe('Irkutsk');
    expect(localiser('en').segmentValue('city', 'Ангарск')).toBe('Angarsk');
    expect(localiser('ru').segmentValue('city', 'Shelekhov')).toBe('Shelekhov');
  });
});
