import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Environment } from '@ngk/config';
import type { Actor } from '../common/actor';
import { AuthRepository } from './auth.repository';
import type { TokenClaims } from './auth.service';
import { unauthorized } from '../common/error-codes';
import { sessionEnded } from './session-ended';
import { measureStage } from '../common/server-timing';

/**
 * Verifies the Bearer token, then finds its user in one lookup by primary key: inactive accounts, revoked
 * tokens and tokens of an older version (the credentials changed since) are refused.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<Environment, true>,
    private readonly repository: AuthRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      // As a key object: given a string, jsonwebtoken first tries to read it as a PEM public key, which
      // throws, and only then takes it as a secret, on every request. passport-jwt hands the key to
      // jsonwebtoken as it is; its types name only strings and buffers.
      secretOrKey: createSecretKey(Buffer.from(jwtSecret(config), 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  async validate(claims: TokenClaims): Promise<Actor> {
    const user = await measureStage('auth', () =>
      this.repository.tokenUser(claims.sub, claims.jti, claims.ver ?? 0),
    );
    if (!user || !user.active) throw unauthorized('auth.account-inactive', 'this account cannot sign in');
    if (user.revoked) throw unauthorized('auth.token-revoked', 'this token was revoked: sign in again');
    if (user.sessionEnded) throw sessionEnded();
    return {
      userId: user.userId,
      username: user.username,
      role: user.role,
      unitId: user.unitId,
      unitCode: user.unitCode,
      followedUnitIds: user.followedUnitIds,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp! * 1000).toISOString(),
    };
  }
}

/** The signing secret; the API does not start without one. */
export function jwtSecret(config: ConfigService<Environment, true>): string {
  const secret = config.get('JWT_SECRET', { infer: true });
  if (!secret) throw new Error('JWT_SECRET is required by the API (at least 32 characters)');
  return secret;
}
