import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditQuery } from './admin.dto';

interface AuditRow {
  id: string;
  occurredAt: Date;
  entity: string;
  key: string;
  action: 'create' | 'update' | 'delete';
  actor: { id: string; username: string; displayName: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Who changed what and when, read from admin_audit for the admin screens. */
@Injectable()
export class AdminAuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async changes(query: AuditQuery) {
    const latest = query.latest === 'true';
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${latest ? 'DISTINCT ON (a.entity_key)' : ''} a.id::text, a.occurred_at AS "occurredAt",
                a.entity, a.entity_key AS key, a.action, a.before, a.after,
                json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS actor
           FROM admin_audit a JOIN users u ON u.id = a.actor_user_id
          WHERE a.entity = $1 AND ($2::text IS NULL OR a.entity_key = $2)
          ORDER BY ${latest ? 'a.entity_key, ' : ''}a.occurred_at DESC, a.id DESC
       ) changes ORDER BY "occurredAt" DESC, id DESC LIMIT $3`,
      [query.entity, query.key ?? null, query.limit ?? 50],
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
