import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';

/** One admin change: what, and the row before and after. */
export interface AdminChange {
  entity: string;
  key: string;
  action: 'create' | 'update' | 'delete';
  before: object | null;
  after: object | null;
}

/**
 * Records one admin change in admin_audit, inside the transaction that makes it: who, in which request,
 * what, and the row before and after. Callers leave secrets (password hashes) out of both.
 */
export async function auditAdminChange(tx: EntityManager, actor: Actor, change: AdminChange): Promise<void> {
  await tx.query(
    `INSERT INTO admin_audit (actor_user_id, actor_role, request_id, entity, entity_key, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.userId,
      actor.role,
      actor.requestId ?? null,
      change.entity,
      change.key,
      change.action,
      change.before,
      change.after,
    ],
  );
}
