import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { PASSWORD_COST } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import { conflict, notFound } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import type { CreateUserDto, SlaPolicyDto, UpdateUserDto } from './admin.dto';
import { AdminRepository } from './admin.repository';

/** Admin changes to accounts and SLA policies, each written with its audit record in one transaction. */
@Injectable()
export class AdminService {
  constructor(private readonly repository: AdminRepository) {}

  users() {
    return this.repository.users();
  }

  async createUser(actor: Actor, dto: CreateUserDto) {
    await this.checkUnits(dto.role, dto.unitId ?? null, dto.followedUnitIds ?? []);
    const passwordHash = await bcrypt.hash(dto.password, PASSWORD_COST);
    return this.repository.transaction(async (tx) => {
      if (await tx.usernameTaken(dto.username)) {
        throw conflict('user.username-taken', `username "${dto.username}" is taken`, 'username');
      }
      const user = await tx.insertUser({
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        unitId: dto.unitId ?? null,
        followedUnitIds: dto.followedUnitIds ?? [],
        email: dto.email ?? null,
        passwordHash,
      });
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
      await this.checkUnits(role, unitId, dto.followedUnitIds ?? []);
      const hash = dto.password ? await bcrypt.hash(dto.password, PASSWORD_COST) : null;
      const after = await tx.updateUser(id, {
        displayName: dto.displayName ?? null,
        role,
        unitId,
        followedUnitIds: dto.followedUnitIds ?? null,
        email: dto.email ?? null,
        active: dto.active ?? null,
        passwordHash: hash,
      });
      // A new password or a closed account ends every session the user had, on every browser.
      if (hash !== null) await tx.revokeSessions(id, 'password');
      else if (before.active && after.active === false) await tx.revokeSessions(id, 'deactivated');
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
        reminderPoints: dto.reminderPoints.map((p) => ({ workingDaysBefore: p.workingDaysBefore, at: p.at })),
      });
      await tx.audit(actor, { entity: 'sla_policy', key: code, action: 'update', before, after });
      return after;
    });
  }

  /** Unit officers and heads belong to a unit; other roles to none; followed communes must exist. */
  private async checkUnits(role: string, unitId: string | null, followed: string[]): Promise<void> {
    const unitRole = role === 'unit-officer' || role === 'unit-head';
    if (unitRole && !unitId)
      throw unprocessable('unitId', 'reference.unit-required', `a ${role} must belong to a unit`);
    const kinds = await this.repository.unitKinds([unitId, ...followed]);
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
