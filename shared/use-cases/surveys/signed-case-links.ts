import { caseLinkDays, signCaseLink } from '../../domain/surveys/case-link.ts';
import type { LinkKeyringSource } from '../../ports/link-keyring.ts';
import type { CaseLinks } from '../../mail/survey-case-mail.ts';

/** The manager's two links of a case, on the survey endpoint (`<base>/<token>`), valid `caseLinkDays` from opening. */
export class SignedCaseLinks {
  constructor(
    private readonly baseUrl: string,
    private readonly keyring: LinkKeyringSource,
  ) {}

  async linksFor(caseId: string, openedAt: string): Promise<CaseLinks> {
    const ring = await this.keyring.keyring();
    const exp = Math.floor(Date.parse(openedAt) / 1000) + caseLinkDays * 86_400;
    const url = (act: 'case-contacted' | 'case-resolved') => `${this.baseUrl.replace(/\/$/, '')}/${signCaseLink({ inv: caseId, act, exp }, ring)}`;
    return { contacted: url('case-contacted'), resolved: url('case-resolved') };
  }
}
