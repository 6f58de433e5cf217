import type { Subject } from '../../domain/data-rights/personal-items.ts';
import type { ForgetDigests, PersonalDataStore, TaskCanceller } from '../../ports/personal-data.ts';
import type { DataRightsRequest } from '../../schemas/data-rights-events.ts';
import { exportPerson } from './export-person.ts';
import { forgetPerson } from './forget-person.ts';
import { reapplyForgets } from './reapply-forgets.ts';

/** One operator request to the data-rights function: the command it names, as `npx vip data` runs it. */
export function runDataRightsRequest(
  request: DataRightsRequest,
  ports: ForgetDigests & { readonly store: PersonalDataStore; readonly storeOf: (tableName: string) => Pick<PersonalDataStore, 'forgetLog'>; readonly tasks: TaskCanceller; readonly now: () => Date },
) {
  switch (request.command) {
    case 'export':
      return exportPerson(subjectOf(request), ports);
    case 'forget':
      return forgetPerson({ subject: subjectOf(request), reason: request.reason, by: request.by }, ports);
    case 'reapply-forgets':
      return reapplyForgets({ ...ports, log: request.logTable ? ports.storeOf(request.logTable) : ports.store, target: ports.store });
  }
}

function subjectOf(request: { contact?: string | undefined; account?: string | undefined }): Subject {
  return request.contact !== undefined ? { kind: 'contact', contactId: request.contact } : { kind: 'account', accountId: request.account! };
}
