/**
 * Mails the local SES emulator received since `sinceSeconds` (its store's own clock, whole
 * seconds). Counted before and after a run, the difference is what the run sent, including
 * mails that landed in the same second before it.
 */
export async function mailboxCountSince(sesEndpoint: string, sinceSeconds: number): Promise<number | undefined> {
  try {
    const response = await fetch(`${sesEndpoint}/store?since=${sinceSeconds}`);
    if (!response.ok) return undefined;
    return ((await response.json()) as { emails?: unknown[] }).emails?.length;
  } catch {
    // No count is better than a failed run report: the run itself has happened.
    return undefined;
  }
}
