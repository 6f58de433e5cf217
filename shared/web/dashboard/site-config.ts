import { z } from 'zod';

/**
 * `config.json` beside the pages: where the data API is and how to sign in. Locally the server
 * writes it (no sign-in); on AWS the deployment does (Cognito hosted sign-in, code flow with PKCE).
 */
export const siteConfigSchema = z.object({
  apiBase: z.string().min(1),
  auth: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('local-no-sign-in') }),
    z.object({ mode: z.literal('cognito'), domain: z.url(), clientId: z.string().min(1), redirectUri: z.url() }),
  ]),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;
