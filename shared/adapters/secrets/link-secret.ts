import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LinkSecretSource } from '../../ports/link-signer.ts';

export class FixedLinkSecret implements LinkSecretSource {
  constructor(private readonly value: string) {}
  async secret(): Promise<string> {
    return this.value;
  }
}

/** Read once per container. It holds a plain secret or a JSON keyring (SecretKeyring): a ring rotates without voiding links in mailboxes. */
export class SecretsManagerLinkSecret implements LinkSecretSource {
  private value: Promise<string> | undefined;
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretArn: string,
  ) {}
  secret(): Promise<string> {
    this.value ??= this.client.send(new GetSecretValueCommand({ SecretId: this.secretArn })).then((r) => {
      if (!r.SecretString) throw new Error('the link-signing secret is empty');
      return r.SecretString;
    });
    return this.value;
  }
}
