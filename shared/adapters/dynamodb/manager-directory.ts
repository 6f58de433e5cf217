import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch-get.ts';
import type { ManagerContact, ManagerDirectory } from '../../ports/manager-directory.ts';
import { keys } from './keys.ts';

export class DynamoManagerDirectory implements ManagerDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getManagers(managerIds: readonly string[]): Promise<Map<string, ManagerContact>> {
    const items = await batchGet(this.client, this.tableName, [...new Set(managerIds)].map((id) => keys.manager(id)));
    return new Map(
      items.map((item) => [
        String(item.managerId),
        { managerId: String(item.managerId), fullName: String(item.fullName), email: String(item.email), language: item.language === 'en' ? 'en' : 'ru' },
      ]),
    );
  }
}
