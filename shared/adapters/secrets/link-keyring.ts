import { parseKeyring, type Keyring } from '../../domain/links/keyring.ts';
import type { LinkKeyringSource } from '../../ports/link-keyring.ts';
import type { LinkSecretSource } from '../../ports/link-signer.ts';

/**
 * Reads the keyring from the same secret the task links use: a plain secret is a one-key ring,
 * a JSON `{current, keys}` is a ring that can be rotated. Parsed once per container.
 */
export class SecretKeyring implements LinkKeyringSource {
  private value: Promise<Keyring> | undefined;
  constructor(private readonly source: LinkSecretSource) {}
  keyring(): Promise<Keyring> {
    this.value ??= this.source.secret().then(parseKeyring);
    return this.value;
  }
}
