export interface ManagerContact {
  readonly managerId: string;
  readonly fullName: string;
  readonly email: string;
  readonly language: 'ru' | 'en';
}

export interface ManagerDirectory {
  getManagers(managerIds: readonly string[]): Promise<Map<string, ManagerContact>>;
}
