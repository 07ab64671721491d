import {
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Environment } from '@ngk/config';
import type { Role } from '@ngk/domain';
import { scrapeRefusal } from '../metrics/scrape-access';
import { ACCESS_POLICY, roleMayCall } from './access-policy';
import { forbidden, unauthorized } from './error-codes';

/** Who is acting. Controllers read it with @CurrentActor(); only the guards decide how it is known. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  /** The code of the user's unit (`organization-board`…), for rules that name a unit by its code. */
  unitCode: string | null;
  followedUnitIds: string[];
  /** The access token in use, so sign-out can revoke it. */
  tokenId: string;
  tokenExpiresAt: string;
  /** The request being served (X-Request-Id), recorded with what it changes. */
  requestId?: string;
}

/** Whether the actor is on the staff (officer or head) of the unit with this code (WELL_KNOWN_UNITS). */
export function staffOf(actor: Pick<Actor, 'role' | 'unitCode'>, unitCode: string): boolean {
  return (actor.role === 'unit-officer' || actor.role === 'unit-head') && actor.unitCode === unitCode;
}

type RequestWithActor = Request & { user?: Actor };

/** Requires a valid Bearer token; every failure is a 401 that says what to do. */
@Injectable()
export class TokenGuard extends AuthGuard('jwt') {
  override handleRequest<T = Actor>(err: unknown, user: T | false, info: unknown): T {
    if (err) throw err;
    if (user) return user;
    const name = (info as { name?: string } | undefined)?.name;
    throw name === 'TokenExpiredError'
      ? unauthorized('auth.token-expired', 'the access token has expired: sign in again')
      : unauthorized(
          'auth.sign-in-required',
          'sign in first: send a Bearer access token from POST /api/auth/login',
        );
  }
}

/**
 * The one guard of the API, on every route: finds the route in ACCESS_POLICY (a route without a rule is
 * refused to everyone), lets public routes through, requires a valid token for the others, and refuses
 * roles the rule does not name.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly token = new TokenGuard();

  constructor(private readonly config: ConfigService<Environment, true>) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor & { route?: { path?: string } }>();
    const key = `${request.method} ${request.route?.path ?? request.path}`;
    const access = ACCESS_POLICY[key];
    if (access === undefined) throw forbidden('auth.no-access-rule', `no access rule covers ${key}`);
    if (access === 'public') return true;
    if (access === 'scraper') {
      const token = this.config.get('METRICS_TOKEN', { infer: true });
      const refusal = scrapeRefusal(token, request.headers.authorization, request.socket.remoteAddress);
      if (refusal?.status === 401) throw unauthorized('auth.metrics-token-required', refusal.message);
      if (refusal) throw forbidden('auth.metrics-local-only', refusal.message);
      return true;
    }
    await this.token.canActivate(context);
    const role = request.user!.role;
    request.user!.requestId = String((request as { id?: unknown }).id ?? '');
    if (!roleMayCall(access, role)) {
      throw forbidden(
        'auth.role-not-allowed',
        `a ${role} may not use this route; it is for: ${(access as Role[]).join(', ')}`,
      );
    }
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().user;
  if (!actor) throw unauthorized('auth.sign-in-required', 'no signed-in user');
  return actor;
});

/**
 * Documents a route that needs a signed-in user. Who may call it is in ACCESS_POLICY, which AccessGuard
 * applies to every route; controllers hold no permission logic.
 */
export function ActingUser(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'Not signed in, or the token expired or was revoked' }),
    ApiResponse({ status: 403, description: "The user's role may not use this route" }),
  );
}
