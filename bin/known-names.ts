import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { DynamoManagerDirectory } from '../shared/adapters/dynamodb/manager-directory.ts';
import type { CommandTarget } from './cli-context.ts';
import { UsageError } from './usage-error.ts';

/** A tier the programme does not have would filter every row away; say which tiers exist instead. */
export function requireKnownTier(config: ProgrammeConfig, tier: string | undefined): void {
  const tiers = config.statusReview.rules.tiers.map((t) => t.id);
  if (tier !== undefined && !tiers.includes(tier)) throw new UsageError(`no tier "${tier}" in programme "${config.programmeId}"; its tiers are ${tiers.join(', ')}`);
}

/** A manager id that is not in the data answers nothing; that is a typo, not an empty report. */
export async function requireKnownManager(target: CommandTarget, managerId: string | undefined): Promise<void> {
  if (managerId === undefined) return;
  const found = await new DynamoManagerDirectory(target.documents, target.tableName).getManagers([managerId]);
  if (!found.has(managerId)) throw new UsageError(`no manager "${managerId}"; \`npx vip report statuses --all\` lists the accounts with their managers`);
}
