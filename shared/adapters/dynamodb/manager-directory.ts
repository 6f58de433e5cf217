import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ManagerContact, ManagerDirectory } from '../../ports/manager-directory.ts';
import { keys } from './keys.ts';

export class DynamoManagerDirectory implements ManagerDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getManagers(managerIds: readonly string[]): Promise<Map<string, ManagerContact>> {
    const found = new Map<string, ManagerContact>();
    for (let i = 0; i < managerIds.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.tableName]: { Keys: managerIds.slice(i, i + 100).map((id) => keys.manager(id)) },
      };
      while (request && Object.keys(request).length) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of result.Responses?.[this.tableName] ?? [])
          found.set(String(item.managerId), { managerId: String(item.managerId), fullName: String(item.fullName), email: String(item.email), language: item.language === 'en' ? 'en' : 'ru' });
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }
}
