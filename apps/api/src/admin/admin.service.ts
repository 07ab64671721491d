import { Injectable } from '@nestjs/common';
import { revokeUserSessions } from '../auth/refresh-tokens';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { PASSWORD_COST, returning } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import { auditAdminChange } from '../common/admin-audit';
import { unprocessable } from '../common/validation';
import { unitKinds } from './unit-kinds';
import type { CreateUserDto, SlaPolicyDto, UpdateUserDto } from './admin.dto';
import { conflict, notFound } from '../common/error-codes';

const USER_COLUMNS = `id, username, display_name AS "displayName", role, unit_id AS "unitId",
  followed_unit_ids AS "followedUnitIds", email, email_muted AS "emailMuted", active`;
const POLICY_COLUMNS = `code, category_code AS "categoryCode", urgency, acknowledge_days AS "acknowledgeDays",
  coordination_days AS "coordinationDays", resolution_days AS "resolutionDays", feedback_days AS "feedbackDays",
  verification_grace_days AS "verificationGraceDays", escalation_grace_days AS "escalationGraceDays",
  directive_days AS "directiveDays", reminder_points AS "reminderPoints"`;

/** Admin changes to accounts and SLA policies, each written with its audit record in one transaction. */
@Injectable()
export class AdminService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  users() {
    return this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  }

  async createUser(actor: Actor, dto: CreateUserDto) {
    await this.checkUnits(dto.role, dto.unitId ?? null, dto.followedUnitIds ?? []);
    const hash = await bcrypt.hash(dto.password, PASSWORD_COST);
    return this.dataSource.transaction(async (tx) => {
      const [taken] = await tx.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [dto.username]);
      if (taken) throw conflict('user.username-taken', `username "${dto.username}" is taken`, 'username');
      const [user] = await tx.query(
        `INSERT INTO users (username, display_name, role, unit_id, followed_unit_ids, email, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${USER_COLUMNS}`,
        [
          dto.username,
          dto.displayName,
          dto.role,
          dto.unitId ?? null,
          dto.followedUnitIds ?? [],
          dto.email ?? null,
          hash,
        ],
      );
      await auditAdminChange(tx, actor, {
        entity: 'user',
        key: user.id,
        action: 'create',
        before: null,
        after: user,
      });
      return user;
    });
  }

  async updateUser(actor: Actor, id: string, dto: UpdateUserDto) {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw notFound('user.not-found', `user ${id} not found`);
      const role = dto.role ?? before.role;
      const unitId = dto.unitId === undefined ? before.unitId : (dto.unitId as string | null);
      await this.checkUnits(role, unitId, dto.followedUnitIds ?? []);
      const hash = dto.password ? await bcrypt.hash(dto.password, PASSWORD_COST) : null;
      const [after] = await returning(
        tx,
        `UPDATE users SET display_name = COALESCE($2, display_name), role = $3, unit_id = $4,
                followed_unit_ids = COALESCE($5, followed_unit_ids), email = COALESCE($6, email),
                active = COALESCE($7, active), password_hash = COALESCE($8, password_hash)
          WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [
          id,
          dto.displayName ?? null,
          role,
          unitId,
          dto.followedUnitIds ?? null,
          dto.email ?? null,
          dto.active ?? null,
          hash,
        ],
      );
      // A new password or a closed account ends every session the user had, on every browser.
      if (hash !== null) await revokeUserSessions(tx, id, 'password');
      else if (before.active && after.active === false) await revokeUserSessions(tx, id, 'deactivated');
      // Passwords are never in the audit; that one changed is.
      await auditAdminChange(tx, actor, {
        entity: 'user',
        key: id,
        action: 'update',
        before,
        after: { ...after, passwordChanged: hash !== null },
      });
      return after;
    });
  }

  async updateSlaPolicy(actor: Actor, code: string, dto: SlaPolicyDto) {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE code = $1 FOR UPDATE`,
        [code],
      );
      if (!before) throw notFound('sla-policy.not-found', `SLA policy "${code}" not found`);
      const [after] = await returning(
        tx,
        `UPDATE sla_policies SET acknowledge_days = $2, coordination_days = $3, resolution_days = $4,
                feedback_days = $5, verification_grace_days = $6, escalation_grace_days = $7, directive_days = $8,
                reminder_points = $9
          WHERE code = $1 RETURNING ${POLICY_COLUMNS}`,
        [
          code,
          dto.acknowledgeDays,
          dto.coordinationDays,
          dto.resolutionDays,
          dto.feedbackDays,
          dto.verificationGraceDays,
          dto.escalationGraceDays,
          dto.directiveDays,
          JSON.stringify(
            dto.reminderPoints.map((p) => ({ workingDaysBefore: p.workingDaysBefore, at: p.at })),
          ),
        ],
      );
      await auditAdminChange(tx, actor, { entity: 'sla_policy', key: code, action: 'update', before, after });
      return after;
    });
  }

  /** Unit officers and heads belong to a unit; other roles to none; followed communes must exist. */
  private async checkUnits(role: string, unitId: string | null, followed: string[]): Promise<void> {
    const unitRole = role === 'unit-officer' || role === 'unit-head';
    if (unitRole && !unitId)
      throw unprocessable('unitId', 'reference.unit-required', `a ${role} must belong to a unit`);
    const kinds = await unitKinds(this.dataSource, [unitId, ...followed]);
    if (unitId && !kinds.has(unitId)) throw unprocessable('unitId', 'reference.unknown-unit', 'no such unit');
    if (!followed.every((id) => ['commune', 'district'].includes(kinds.get(id) ?? ''))) {
      throw unprocessable(
        'followedUnitIds',
        'reference.followed-unit-kind',
        'each must be a commune or district',
      );
    }
  }
}
