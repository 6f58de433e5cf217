import { z } from 'zod';

/**
 * An HTTP API request (payload format 2.0), as API Gateway hands it over after its JWT authorizer,
 * and as the local HTTP server builds it. Only what the dashboard's handlers read.
 */
export const dashboardRequestSchema = z.object({
  rawPath: z.string(),
  queryStringParameters: z.record(z.string(), z.string()).optional(),
  requestContext: z.object({
    http: z.object({ method: z.string() }),
    authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }).optional(),
  }),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});
export type DashboardRequest = z.infer<typeof dashboardRequestSchema>;

/** Query parameters of the read routes: each optional, each checked. */
export const dashboardQuerySchema = z.object({
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'a quarter such as "2027-Q1" (year, "-Q", 1 to 4)')
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** The JSON body, or `undefined` when it is absent or not JSON (the body schema then names what is missing). */
export function jsonBodyOf(request: DashboardRequest): unknown {
  if (!request.body) return undefined;
  const text = request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
