import type { TokenSigner } from '../domain/links/signed-token.ts';

export type { TokenSigner };

/** Where the signer of link tokens comes from: its keys are read once (LINK_SECRET locally, Secrets Manager on AWS). */
export interface TokenSignerSource {
  signer(): Promise<TokenSigner>;
}
