import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { PASSWORD_COST } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import { conflict, notFound } from '../common/error-codes';
import { assertInForce } from '../common/unit-validity';
import { unprocessable } from '../common/validation';
import type { CreateUserDto, SlaPolicyDto, UpdateUserDto } from './admin.dto';
import { AdminRepository, type AdminTransaction, type Row } from './admin.repository';
import type { RevokedReason } from '../auth/refresh-tokens.repository';
import { ClockService } from '../calendar/clock.service';

/** Admin changes to accounts and SLA policies, each written with its audit record in one transaction. */
@Injectable()
export class AdminService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly clock: ClockService,
  ) {}

  users() {
    return this.repository.users();
  }

  async createUser(actor: Actor, dto: CreateUserDto) {
    await this.checkUnit(dto.role, dto.unitId ?? null, null);
    const passwordHash = await bcrypt.hash(dto.password, PASSWORD_COST);
    return this.repository.transaction(async (tx) => {
      const user = await tx.insertUser({
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        unitId: dto.unitId ?? null,
        email: dto.email ?? null,
        passwordHash,
      });
      // The unique index on lower(username) decides, so two creations racing cannot both win.
      if (!user) throw conflict('user.username-taken', `username "${dto.username}" is taken`, 'username');
      await tx.audit(actor, { entity: 'user', key: user.id, action: 'create', before: null, after: user });
      return user;
    });
  }

  async updateUser(actor: Actor, id: string, dto: UpdateUserDto) {
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockUser(id);
      if (!before) throw notFound('user.not-found', `user ${id} not found`);
      const role = dto.role ?? before.role;
      const unitId = dto.unitId === undefined ? before.unitId : (dto.unitId as string | null);
      await this.checkUnit(role, unitId, before);
      const active = dto.active ?? (before.active as boolean);
      if (before.role === 'admin' && before.active && (role !== 'admin' || !active)) {
        await this.keepOneAdmin(tx, id, role !== 'admin' ? 'role' : 'active');
      }
      const hash = dto.password ? await bcrypt.hash(dto.password, PASSWORD_COST) : null;
      const after = await tx.updateUser(id, {
        displayName: dto.displayName ?? null,
        role,
        unitId,
        email: dto.email ?? null,
        active: dto.active ?? null,
        passwordHash: hash,
      });
      // New credentials, a closed account or new powers end every session the user had, on every browser.
      const reason = sessionEndingChange(before, after, hash !== null);
      if (reason) await tx.revokeSessions(id, reason);
      // Passwords are never in the audit; that one changed is.
      await tx.audit(actor, {
        entity: 'user',
        key: id,
        action: 'update',
        before,
        after: { ...after, passwordChanged: hash !== null },
      });
      return after;
    });
  }

  /** Refuses, before anything is written, to take away the last active admin: no one could undo it. */
  private async keepOneAdmin(tx: AdminTransaction, id: string, field: 'role' | 'active'): Promise<void> {
    if ((await tx.otherActiveAdmins(id)) > 0) return;
    throw conflict('user.last-admin', 'this is the last active admin: make another admin first', field);
  }

  async updateSlaPolicy(actor: Actor, code: string, dto: SlaPolicyDto) {
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockSlaPolicy(code);
      if (!before) throw notFound('sla-policy.not-found', `SLA policy "${code}" not found`);
      const after = await tx.updateSlaPolicy(code, {
        acknowledgeDays: dto.acknowledgeDays,
        coordinationDays: dto.coordinationDays,
        resolutionDays: dto.resolutionDays,
        feedbackDays: dto.feedbackDays,
        verificationGraceDays: dto.verificationGraceDays,
        escalationGraceDays: dto.escalationGraceDays,
        directiveDays: dto.directiveDays,
        infoDays: dto.infoDays ?? null,
        reopenDays: dto.reopenDays ?? null,
        reminderPoints: dto.reminderPoints.map((p) => ({ workingDaysBefore: p.workingDaysBefore, at: p.at })),
      });
      await tx.audit(actor, { entity: 'sla_policy', key: code, action: 'update', before, after });
      return after;
    });
  }

  /**
   * Unit officers and heads belong to a unit; other roles to none (a cadre follows communes by dated
   * assignment, AssignmentsService). A unit the account did not have before (`before`, null for a new
   * account) must be in force today.
   */
  private async checkUnit(role: string, unitId: string | null, before: Row | null): Promise<void> {
    const unitRole = role === 'unit-officer' || role === 'unit-head';
    if (unitRole && !unitId)
      throw unprocessable('unitId', 'reference.unit-required', `a ${role} must belong to a unit`);
    const unit = unitId ? (await this.repository.datedUnits([unitId])).get(unitId) : undefined;
    if (unitId && !unit) throw unprocessable('unitId', 'reference.unknown-unit', 'no such unit');
    if (unit && unitId !== before?.unitId) assertInForce('unitId', unit, this.clock.today());
  }
}

/** Why this change ends the user's sessions, if it does. */
function sessionEndingChange(before: Row, after: Row, passwordChanged: boolean): RevokedReason | null {
  if (passwordChanged) return 'password';
  if (before.active && !after.active) return 'deactivated';
  if (before.role !== after.role || before.unitId !== after.unitId) return 'reassigned';
  return null;
}
