import type { IsoDate } from '../../domain/calendar-date.ts';
import type { StatusOverride } from '../../domain/account.ts';
import type { OverrideStore } from '../../ports/override-store.ts';

export interface SetOverrideCommand {
  readonly action: 'exclude' | 'include' | 'clear';
  readonly accountId: string;
  readonly reason?: string;
  /** Last day the override holds; none: until cleared. */
  readonly until?: IsoDate;
  readonly by: string;
  readonly at: Date;
}

export class OverrideReasonMissingError extends Error {
  override readonly name = 'OverrideReasonMissingError';
}

/**
 * The operator's manual decision on an account: exclude it from the programme (the operator's
 * unilateral exclusion) or include one the rules would not admit, with a reason kept in the
 * history; `clear` ends it. The next review applies it.
 */
export async function setOverride(command: SetOverrideCommand, ports: { readonly overrides: OverrideStore }): Promise<StatusOverride | undefined> {
  const override = overrideOf(command);
  await ports.overrides.setOverride(command.accountId, override, { by: command.by, at: command.at.toISOString() });
  return override;
}

/** The override a command asks for (undefined: clear it); refuses one without a reason before anything is touched. */
export function overrideOf(command: SetOverrideCommand): StatusOverride | undefined {
  const reason = command.reason?.trim();
  if (command.action === 'clear') return undefined;
  if (!reason) throw new OverrideReasonMissingError(`override ${command.action} needs --reason TEXT: the reason is kept in the account's history`);
  return { kind: command.action, reason, by: command.by, at: command.at.toISOString(), ...(command.until && { until: command.until }) };
}
