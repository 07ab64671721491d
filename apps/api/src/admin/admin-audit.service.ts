import { Injectable } from '@nestjs/common';
import type { AuditQuery } from './admin.dto';
import { AdminRepository } from './admin.repository';

/** Who changed what and when, read from admin_audit for the admin screens. */
@Injectable()
export class AdminAuditService {
  constructor(private readonly repository: AdminRepository) {}

  async changes(query: AuditQuery) {
    const latest = query.latest === 'true';
    const rows = await this.repository.auditChanges(
      query.entity,
      query.key ?? null,
      latest,
      query.limit ?? 50,
    );
    return rows.map((row) => ({ ...row, changed: changedFields(row.before, row.after) }));
  }
}

/** The fields whose value differs between before and after, so a screen can say what changed. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => k !== 'id' && k !== 'updatedAt')
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .sort();
}
