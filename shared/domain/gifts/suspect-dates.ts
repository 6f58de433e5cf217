/**
 * The dates an empty date is often exported as (the Unix epoch, and the 1900 origin of
 * spreadsheets and old databases). A birthday or company date on one of them would be
 * celebrated every 1 January, so it waits for the operator's confirmation (docs/decisions.md).
 */
export const placeholderDates: readonly string[] = ['1970-01-01', '1900-01-01'];

export function isSuspectDate(date: string | undefined): boolean {
  return date !== undefined && placeholderDates.includes(date);
}
