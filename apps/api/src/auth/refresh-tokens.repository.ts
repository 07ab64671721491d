import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '@ngk/persistence';

/** Why a family of refresh tokens was ended. */
export type RevokedReason = 'logout' | 'reuse' | 'password' | 'deactivated' | 'reassigned';

/** What presenting a refresh token led to. */
export type RotationResult =
  | { outcome: 'rotated'; userId: string; tokenVersion: number; token: string }
  | { outcome: 'unknown' | 'expired' | 'revoked' | 'inactive' }
  | { outcome: 'reused'; userId: string };

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** 256 random bits, URL-safe: what the browser keeps in its cookie; the table keeps only the hash. */
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Refresh tokens: issued at sign-in, rotated on every use, the family revoked when an old one comes back.
 * All SQL on refresh_tokens is here.
 */
@Injectable()
export class RefreshTokens {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new family (one sign-in on one browser); null when the user's token version moved on meanwhile. */
  issue(userId: string, tokenVersion: number, ttlSeconds: number): Promise<string | null> {
    return this.dataSource.transaction((tx) =>
      this.insert(tx, userId, tokenVersion, randomUUID(), ttlSeconds),
    );
  }

  /**
   * Trades a token for the next one of its family. The row is locked, so two requests with the same
   * token cannot both rotate it: the second sees it used and revokes the family. The user's row is
   * share-locked, so a credential change (which locks it for update) comes wholly before or after.
   */
  rotate(token: string, ttlSeconds: number): Promise<RotationResult> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT r.id, r.family_id AS "familyId", r.user_id AS "userId", r.expires_at < now() AS expired,
                r.used_at IS NOT NULL AS used, r.revoked_at IS NOT NULL AS revoked, u.active,
                u.token_version AS "tokenVersion"
           FROM refresh_tokens r JOIN users u ON u.id = r.user_id
          WHERE r.token_hash = $1 FOR UPDATE OF r FOR SHARE OF u`,
        [hash(token)],
      )) as {
        id: string;
        familyId: string;
        userId: string;
        expired: boolean;
        used: boolean;
        revoked: boolean;
        active: boolean;
        tokenVersion: number;
      }[];
      if (!row) return { outcome: 'unknown' };
      if (row.revoked) return { outcome: 'revoked' };
      if (row.used) {
        await revokeWhere(tx, 'family_id = $1', row.familyId, 'reuse');
        return { outcome: 'reused', userId: row.userId };
      }
      if (row.expired) return { outcome: 'expired' };
      if (!row.active) return { outcome: 'inactive' };
      await tx.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      const next = await this.insert(tx, row.userId, row.tokenVersion, row.familyId, ttlSeconds);
      if (!next) return { outcome: 'revoked' };
      return { outcome: 'rotated', userId: row.userId, tokenVersion: row.tokenVersion, token: next };
    });
  }

  /** Ends the family this token belongs to (sign-out on this browser). */
  async revokeFamilyOf(token: string, reason: RevokedReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
        WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hash(token), reason],
    );
  }

  /**
   * Inserts a token only while the user is still at this token version; the share lock waits out a
   * credential change in progress, which would otherwise miss the new row when it revokes the user's.
   */
  private async insert(
    db: Queryable,
    userId: string,
    tokenVersion: number,
    familyId: string,
    ttlSeconds: number,
  ): Promise<string | null> {
    const token = newToken();
    const [user] = (await db.query(`SELECT 1 FROM users WHERE id = $1 AND token_version = $2 FOR SHARE`, [
      userId,
      tokenVersion,
    ])) as unknown[];
    if (!user) return null;
    await db.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [familyId, userId, hash(token), ttlSeconds],
    );
    // Tokens long expired no longer matter; the index on expires_at keeps this cheap.
    await db.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '30 days'`);
    return token;
  }
}

/**
 * Ends every session of a user (a new password, deactivation, a new role or unit): the token version moves
 * on, so access tokens already issued are refused, and every refresh token is revoked.
 */
export async function revokeUserSessions(
  tx: EntityManager,
  userId: string,
  reason: RevokedReason,
): Promise<void> {
  await tx.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
  await revokeWhere(tx, 'user_id = $1', userId, reason);
}

async function revokeWhere(db: Queryable, where: string, value: string, reason: RevokedReason) {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE revoked_at IS NULL AND ${where}`,
    [value, reason],
  );
}
