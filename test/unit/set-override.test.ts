import { describe, expect, it } from 'vitest';
import type { StatusOverride } from '../../shared/domain/account.ts';
import type { OverrideStore } from '../../shared/ports/override-store.ts';
import { OverrideReasonMissingError, setOverride } from '../../shared/use-cases/status-review/set-override.ts';

class MemoryOverrides implements OverrideStore {
  readonly writes: { accountId: string; override: StatusOverride | undefined; audit: { by: string; at: string } }[] = [];
  async setOverride(accountId: string, override: StatusOverride | undefined, audit: { by: string; at: string }): Promise<void> {
    this.writes.push({ accountId, override, audit });
  }
}

const at = new Date('2027-02-01T10:00:00Z');

describe('setting an override (a business write behind a port, as the CLI does it)', () => {
  it('writes an exclusion with its reason, author and end date, and a clear as no override', async () => {
    const overrides = new MemoryOverrides();
    await setOverride({ action: 'exclude', accountId: 'A1', reason: '  fraud case  ', until: '2027-12-31', by: 'ops', at }, { overrides });
    await setOverride({ action: 'clear', accountId: 'A1', by: 'ops', at }, { overrides });
    expect(overrides.writes).toEqual([
      { accountId: 'A1', override: { kind: 'exclude', reason: 'fraud case', by: 'ops', at: at.toISOString(), until: '2027-12-31' }, audit: { by: 'ops', at: at.toISOString() } },
      { accountId: 'A1', override: undefined, audit: { by: 'ops', at: at.toISOString() } },
    ]);
  });

  it('refuses an exclusion or inclusion without a reason, writing nothing', async () => {
    const overrides = new MemoryOverrides();
    await expect(setOverride({ action: 'include', accountId: 'A1', reason: '   ', by: 'ops', at }, { overrides })).rejects.toThrow(OverrideReasonMissingError);
    await expect(setOverride({ action: 'exclude', accountId: 'A1', by: 'ops', at }, { overrides })).rejects.toThrow('needs --reason');
    expect(overrides.writes).toEqual([]);
  });
});
