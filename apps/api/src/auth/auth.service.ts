import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import type { Environment } from '@ngk/config';
import type { Actor } from '../common/actor';
import { unauthorized } from '../common/error-codes';
import { AuthRepository, type SessionUser } from './auth.repository';
import { RefreshTokens } from './refresh-tokens.repository';
import { sessionEnded } from './session-ended';

/**
 * What an access token says: the user, its own id so logout can revoke it, and the user's token version
 * when it was issued (absent on tokens from before versions, read as 0).
 */
export interface TokenClaims {
  sub: string;
  jti: string;
  role: string;
  ver?: number;
  iat?: number;
  exp?: number;
}

/** Compared against when the username is unknown, so both failures take as long. */
const NO_SUCH_USER_HASH = bcrypt.hashSync('no such user', 10);

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  /**
   * Checks the password and issues an access token, and a refresh token for the browser's cookie; one
   * message for every failure.
   */
  async login(username: string, password: string) {
    const user = await this.repository.userByUsername(username);
    const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
    if (!user || !user.passwordHash || !user.active || !matches) {
      throw unauthorized('auth.wrong-credentials', 'wrong username or password');
    }
    // Null when the credentials changed while the password was being checked: the old one no longer counts.
    const refreshToken = await this.refreshTokens.issue(user.id, user.tokenVersion, this.refreshTtl());
    if (!refreshToken) throw unauthorized('auth.wrong-credentials', 'wrong username or password');
    return { session: await this.session(user), refreshToken };
  }

  /**
   * Trades the cookie's refresh token for a new access token and the next refresh token. A token that
   * was already traded is a stolen copy or a replay: its whole family is revoked and both holders must
   * sign in again.
   */
  async refresh(token: string | null) {
    if (!token) throw unauthorized('auth.no-session', 'no session on this browser: sign in');
    const result = await this.refreshTokens.rotate(token, this.refreshTtl());
    if (result.outcome === 'reused') {
      throw unauthorized(
        'auth.session-reused',
        'this session was used twice and has been ended: sign in again',
      );
    }
    if (result.outcome !== 'rotated') throw sessionEnded();
    const user = await this.repository.user(result.userId);
    if (!user) throw sessionEnded();
    // The version read under the rotation's lock: a change committed since makes this token stale at once.
    const session = await this.session({ ...user, tokenVersion: result.tokenVersion });
    return { session, refreshToken: result.token };
  }

  /** Revokes the access token in use and, when the browser sent it, the refresh token's family. */
  async logout(actor: Actor, refreshToken: string | null): Promise<void> {
    await this.repository.revokeAccessToken(actor.tokenId, actor.userId, actor.tokenExpiresAt);
    if (refreshToken) await this.refreshTokens.revokeFamilyOf(refreshToken, 'logout');
  }

  refreshTtl(): number {
    return this.config.get('REFRESH_TTL_SECONDS', { infer: true });
  }

  /** A new access token for this user, with who they are. */
  private async session(user: SessionUser) {
    const ttl = this.config.get('JWT_TTL_SECONDS', { infer: true });
    const claims: TokenClaims = { sub: user.id, jti: randomUUID(), role: user.role, ver: user.tokenVersion };
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
        unitCode: user.unitCode,
      },
    };
  }

  /** The signed-in user as the screens need them: who they are, and their unit's code. */
  async me(actor: Actor) {
    const { tokenId: _tokenId, ...user } = actor;
    return { ...user, unitCode: (await this.repository.user(actor.userId))?.unitCode ?? null };
  }
}
