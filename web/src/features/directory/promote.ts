/**
 * 纳入服务: a directory entity becomes an enterprise file in one step. The doc id comes from the USCC
 * (enterpriseDocIdForUscc), so promoting the same entity twice — or on two devices offline — lands in
 * one file; a file that already has a profile is only opened, never overwritten.
 */
import {
  addFormerName,
  assignEnterprise,
  createEnterprise,
  enterpriseDocIdForUscc,
  isEmptyEnterprise,
  isIsoDate,
  setEnterpriseField,
  type DirectoryEntity,
} from '@bangqi/shared';
import type { DocHandle } from '../../domain/docStore.ts';
import type { AssignmentTarget } from '../../state/assignment.ts';

export async function promoteEntity(
  docs: { acquire(docId: string): DocHandle },
  entity: DirectoryEntity,
  by: string,
  assignment: AssignmentTarget | undefined,
  now = Date.now(),
): Promise<string> {
  const id = enterpriseDocIdForUscc(entity.uscc);
  const handle = docs.acquire(id);
  try {
    await handle.ready;
    const doc = handle.doc;
    if (!isEmptyEnterprise(doc)) return id;
    doc.transact(() => {
      createEnterprise(doc, { name: entity.name, uscc: entity.uscc, town: entity.town, industry: entity.industry }, by, now);
      if (entity.legalRep) setEnterpriseField(doc, 'legalRep', entity.legalRep, by, now);
      if (entity.address) setEnterpriseField(doc, 'address', entity.address, by, now);
      // the directory normalizes 成立日期 to YYYY-MM-DD; anything else would be refused by the relay's schema
      if (isIsoDate(entity.establishedOn)) setEnterpriseField(doc, 'establishedOn', entity.establishedOn, by, now);
      for (const name of entity.formerNames) addFormerName(doc, name, by, now);
      if (assignment) assignEnterprise(doc, assignment, by, now);
    });
    await handle.flush();
  } finally {
    handle.release();
  }
  return id;
}
