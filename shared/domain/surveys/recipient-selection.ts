import type { IsoDate } from '../calendar-date.ts';
import type { AccountStatus } from '../account.ts';
import type { SurveyRole } from '../../schemas/survey-config.ts';

/** VIP on `day`: granted a tier, and its validity (if any) not over. */
export function isVipOn(status: AccountStatus, day: IsoDate): boolean {
  return status.vip && status.tier !== undefined && (status.validUntil === undefined || status.validUntil >= day);
}

/** A contact as the selection sees it (from the imported contact item). */
export interface SurveyContact {
  readonly contactId: string;
  readonly role: string;
  readonly email?: string;
  readonly language?: string;
  readonly consentEmail?: boolean;
  readonly active?: boolean;
}

export type ContactExclusion = 'role' | 'no-email' | 'no-consent' | 'inactive';

/** Whether the contact itself may be surveyed (before suppression and the contact policy). */
export function contactExclusion(contact: SurveyContact, roles: readonly SurveyRole[]): ContactExclusion | undefined {
  if (!(roles as readonly string[]).includes(contact.role)) return 'role';
  if (!contact.email || !contact.email.includes('@')) return 'no-email';
  if (contact.consentEmail !== true) return 'no-consent';
  if (contact.active === false) return 'inactive';
  return undefined;
}

/** The contact's language if the programme speaks it, else the programme's first language. */
export function surveyLanguage(contact: SurveyContact, languages: readonly ('ru' | 'en')[]): 'ru' | 'en' {
  const wanted = contact.language?.toLowerCase();
  return wanted === 'ru' || wanted === 'en' ? (languages.includes(wanted) ? wanted : (languages[0] ?? 'ru')) : (languages[0] ?? 'ru');
}
