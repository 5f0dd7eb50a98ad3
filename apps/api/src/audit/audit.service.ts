import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntity } from './audit.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes?: Record<string, unknown>;
}

/** Writes who changed what, inside the same transaction as the change. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntity, { ...record, changes: (record.changes ?? {}) as AuditEntity['changes'] & object } as never);
  }
}
