/** The Cognito group whose members may read the dashboard (issue 8). */
export const leadershipGroup = 'leadership';

/**
 * Who guards the data API: on AWS the Cognito authorizer has checked the token and the handler
 * checks the group as well; locally there is no sign-in at all (the page says so).
 */
export type DashboardAccessMode = 'cognito-leadership' | 'local-no-sign-in';
export const dashboardAccessModes = ['cognito-leadership', 'local-no-sign-in'] as const satisfies readonly DashboardAccessMode[];

export type AccessDecision = { readonly allowed: true } | { readonly allowed: false; readonly status: 401 | 403; readonly reason: string };

/**
 * API Gateway hands a JWT's array claim over as a string: HTTP APIs as "[leadership other]",
 * REST APIs as "leadership,other". Either form, or a real array, is read as a list of groups.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Decides a request from the authorizer's claims; without claims on AWS the request never passed an authorizer. */
export function decideAccess(mode: DashboardAccessMode, claims: Readonly<Record<string, unknown>> | undefined): AccessDecision {
  if (mode === 'local-no-sign-in') return { allowed: true };
  if (claims === undefined || typeof claims.sub !== 'string') return { allowed: false, status: 401, reason: 'sign-in required' };
  if (!groupsOf(claims['cognito:groups']).includes(leadershipGroup)) return { allowed: false, status: 403, reason: `only members of the "${leadershipGroup}" group may read the dashboard` };
  return { allowed: true };
}
