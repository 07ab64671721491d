import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Environment } from '@ngk/config';
import type { Actor } from '../common/actor';
import { unauthorized } from '../common/error-codes';

/** What an access token says: the user, and its own id so logout can revoke it. */
export interface TokenClaims {
  sub: string;
  jti: string;
  role: string;
  iat?: number;
  exp?: number;
}

/** Compared against when the username is unknown, so both failures take as long. */
const NO_SUCH_USER_HASH = bcrypt.hashSync('no such user', 10);

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Checks the password and issues an access token; one message for every failure. */
  async login(username: string, password: string) {
    const [user] = await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId",
              password_hash AS "passwordHash", active
         FROM users WHERE username = $1`,
      [username],
    );
    const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
    if (!user || !user.passwordHash || !user.active || !matches) {
      throw unauthorized('auth.wrong-credentials', 'wrong username or password');
    }
    const ttl = this.config.get('JWT_TTL_SECONDS', { infer: true });
    const claims: TokenClaims = { sub: user.id, jti: randomUUID(), role: user.role };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: user.unitId,
      },
    };
  }

  /** Revokes the token in use: it is refused from now on, even before it expires. */
  async logout(actor: Actor): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [actor.tokenId, actor.userId, actor.tokenExpiresAt],
    );
    // Revocations of expired tokens no longer matter.
    await this.dataSource.query(`DELETE FROM revoked_tokens WHERE expires_at < now() - interval '1 day'`);
  }
}
