import { prepared } from '@ngk/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@ngk/domain';

/** Who a session is for, as sign-in and refresh show it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  /** The unit's code (`party-office`…), by which screens open to one unit's staff; null without a unit. */
  unitCode: string | null;
  /** Carried by the user's tokens; a change of credentials moves it on, ending them. */
  tokenVersion: number;
}

/** A token's user as every request sees it, and whether the token was revoked. */
export interface TokenUser {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  /** The code of the user's unit: some screens are for one unit's staff (the Organization Board). */
  unitCode: string | null;
  /** The units the cadre's assignments in force today name (Việt Nam's date), read at every request. */
  followedUnitIds: string[];
  active: boolean;
  /** This token was signed out. */
  revoked: boolean;
  /** The account's credentials changed since this token was issued. */
  sessionEnded: boolean;
}

const USER_FIELDS = `id, username, display_name AS "displayName", role, unit_id AS "unitId",
  (SELECT code FROM units WHERE units.id = users.unit_id) AS "unitCode", token_version AS "tokenVersion"`;

/** All SQL of signing in and out and of checking access tokens; refresh tokens have their own. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Any case of the username: the unique index on lower(username) makes it one account at most. */
  async userByUsername(
    username: string,
  ): Promise<(SessionUser & { passwordHash: string | null; active: boolean }) | undefined> {
    const [user] = await this.dataSource.query(
      `SELECT ${USER_FIELDS}, password_hash AS "passwordHash", active FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
    return user;
  }

  async user(id: string): Promise<SessionUser | undefined> {
    const [user] = await this.dataSource.query(`SELECT ${USER_FIELDS} FROM users WHERE id = $1`, [id]);
    return user;
  }

  /** The token's user, by primary key, with whether the token was signed out or its version left behind. */
  async tokenUser(userId: string, tokenId: string, tokenVersion: number): Promise<TokenUser | undefined> {
    const [user] = await this.dataSource.query(
      prepared(`SELECT u.id AS "userId", u.username, u.role, u.unit_id AS "unitId",
              (SELECT code FROM units WHERE id = u.unit_id) AS "unitCode", ngk_assigned_units(u.id) AS "followedUnitIds",
              u.active, EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked,
              u.token_version <> $3 AS "sessionEnded"
         FROM users u WHERE u.id = $1`),
      [userId, tokenId, tokenVersion],
    );
    return user;
  }

  /** Refuses this access token from now on; revocations of tokens long expired are dropped. */
  async revokeAccessToken(tokenId: string, userId: string, expiresAt: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [tokenId, userId, expiresAt],
    );
    await this.dataSource.query(`DELETE FROM revoked_tokens WHERE expires_at < now() - interval '1 day'`);
  }
}
