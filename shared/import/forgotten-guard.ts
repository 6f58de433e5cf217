import type { Subject } from '../domain/data-rights/personal-items.ts';

/** The import's side of the forget log: which ids are forgotten, and bringing them back on purpose. */
export interface ForgottenGuard {
  forgottenIds(subject: Subject['kind'], ids: readonly string[]): Promise<Set<string>>;
  markReturned(subject: Subject['kind'], ids: readonly string[], at: string): Promise<void>;
  /** `--allow-forgotten`: the operator confirms the people are back (with their consent). */
  readonly allowForgotten: boolean;
  /** When they are marked back. */
  readonly at: string;
}

const columns = { contact: 'contact_id', account: 'account_id' } as const;

/**
 * A row naming a forgotten contact or account is a problem (the file is refused, as for any bad
 * row) unless the operator allowed it; then, once the rows are in, the people are marked back.
 */
export async function forgottenProblems(
  file: string,
  people: Readonly<Record<Subject['kind'], ReadonlyMap<string, number>>>,
  guard: ForgottenGuard,
): Promise<{ problems: string[]; returned?: () => Promise<string> }> {
  const found = {
    contact: people.contact.size ? await guard.forgottenIds('contact', [...people.contact.keys()]) : new Set<string>(),
    account: people.account.size ? await guard.forgottenIds('account', [...people.account.keys()]) : new Set<string>(),
  };
  if (found.contact.size + found.account.size === 0) return { problems: [] };
  if (guard.allowForgotten)
    return {
      problems: [],
      returned: async () => {
        for (const subject of ['contact', 'account'] as const) if (found[subject].size) await guard.markReturned(subject, [...found[subject]], guard.at);
        return `${found.contact.size + found.account.size} forgotten ${found.contact.size ? 'contact(s)' : 'account(s)'} brought back on purpose (--allow-forgotten): ${[...found.contact, ...found.account].join(', ')}`;
      },
    };
  const problems: string[] = [];
  for (const subject of ['contact', 'account'] as const)
    for (const id of found[subject])
      problems.push(
        `${file}:${people[subject].get(id)}: column "${columns[subject]}": value "${id}": this ${subject} was forgotten on request (npx vip data forget); importing it would bring deleted personal data back. Remove the row, or confirm with --allow-forgotten`,
      );
  return { problems };
}
