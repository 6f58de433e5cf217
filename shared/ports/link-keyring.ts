import type { Keyring } from '../domain/links/keyring.ts';

/** Where the keys that sign survey and gift-task links come from: LINK_SECRET locally, Secrets Manager on AWS. */
export interface LinkKeyringSource {
  keyring(): Promise<Keyring>;
}
