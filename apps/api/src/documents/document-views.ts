import { In, type EntityManager } from 'typeorm';
import type { DocumentVersion, MeetingDocument } from '@app/contracts';
import { AccountEntity } from '../accounts/account.entity';
import { DocumentVersionEntity, type MeetingDocumentEntity } from './document.entities';

/** Documents as the contract shows them, with every version newest first and who uploaded (so replaced) each. */
export async function documentViews(m: EntityManager, docs: MeetingDocumentEntity[]): Promise<MeetingDocument[]> {
  if (!docs.length) return [];
  const versions = await m.getRepository(DocumentVersionEntity).find({ where: { documentId: In(docs.map((d) => d.id)) }, order: { version: 'DESC' } });
  const accountIds = [...new Set(versions.map((v) => v.uploadedBy).filter((id): id is string => !!id))];
  const accounts = new Map((accountIds.length ? await m.getRepository(AccountEntity).findBy({ id: In(accountIds) }) : []).map((a) => [a.id, { id: a.id, fullName: a.fullName }]));
  const person = (id: string | null) => (id ? (accounts.get(id) ?? null) : null);
  return docs.map((d) => {
    const own = versions.filter((v) => v.documentId === d.id);
    const views: DocumentVersion[] = own.map((v, i) => {
      const next = i > 0 ? own[i - 1] : null;
      return {
        version: v.version,
        fileName: v.fileName,
        mime: v.mime,
        size: v.size,
        sha256: v.blobSha256,
        uploadedAt: v.uploadedAt.toISOString(),
        uploadedBy: person(v.uploadedBy),
        replacedAt: next ? next.uploadedAt.toISOString() : null,
        replacedBy: next ? person(next.uploadedBy) : null,
      };
    });
    return {
      id: d.id,
      meetingId: d.meetingId,
      agendaItemId: d.agendaItemId,
      kind: d.kind,
      title: d.title,
      access: d.access,
      endpointIds: d.endpointIds,
      releaseAt: d.releaseAt ? d.releaseAt.toISOString() : null,
      marking: d.marking,
      currentVersion: d.currentVersion,
      conversion: own[0]?.conversion ?? 'pending',
      pageCount: own[0]?.pageCount ?? null,
      createdAt: d.createdAt.toISOString(),
      versions: views,
    };
  });
}
