import { caseLinkDays, signCaseLink } from '../../domain/surveys/case-link.ts';
import type { CaseLinks } from '../../mail/survey-case-mail.ts';
import type { CaseLinkSigner } from '../../ports/link-signer.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';

/** The manager's two links of a case, on the survey endpoint (`<base>/<token>`), valid `caseLinkDays` from opening. */
export class SignedCaseLinks implements CaseLinkSigner {
  constructor(
    private readonly baseUrl: string,
    private readonly signers: TokenSignerSource,
  ) {}

  async linksFor(caseId: string, openedAt: string): Promise<CaseLinks> {
    const signer = await this.signers.signer();
    const exp = Math.floor(Date.parse(openedAt) / 1000) + caseLinkDays * 86_400;
    const url = (act: 'case-contacted' | 'case-resolved') => `${this.baseUrl.replace(/\/$/, '')}/${signCaseLink({ inv: caseId, act, exp }, signer)}`;
    return { contacted: url('case-contacted'), resolved: url('case-resolved') };
  }
}
