import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Role } from '@ngk/domain';

/** Who is acting. Controllers read it with @CurrentActor(); only the guards decide how it is known. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  followedUnitIds: string[];
  /** The access token in use, so sign-out can revoke it. */
  tokenId: string;
  tokenExpiresAt: string;
}

const ROLES_KEY = 'ngk:roles';

type RequestWithActor = Request & { user?: Actor };

/** Requires a valid Bearer token; every failure is a 401 that says what to do. */
@Injectable()
export class TokenGuard extends AuthGuard('jwt') {
  override handleRequest<T = Actor>(err: unknown, user: T | false, info: unknown): T {
    if (err) throw err;
    if (user) return user;
    const name = (info as { name?: string } | undefined)?.name;
    throw new UnauthorizedException(
      name === 'TokenExpiredError'
        ? 'the access token has expired: sign in again'
        : 'sign in first: send a Bearer access token from POST /api/auth/login',
    );
  }
}

/** Refuses roles the route does not name (403); routes that name none admit every signed-in user. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const actor = context.switchToHttp().getRequest<RequestWithActor>().user;
    if (roles && actor && !roles.includes(actor.role)) {
      throw new ForbiddenException(`only ${roles.join(' or ')} may do this`);
    }
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().user;
  if (!actor) throw new UnauthorizedException('no signed-in user');
  return actor;
});

/**
 * Marks a controller or route that needs a signed-in user, optionally of given roles: the guards and
 * their OpenAPI description in one place, so controllers hold no permission logic.
 */
export function ActingUser(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ...(roles.length > 0
      ? [SetMetadata(ROLES_KEY, roles), ApiResponse({ status: 403, description: `Only ${roles.join(', ')}` })]
      : []),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'Not signed in, or the token expired or was revoked' }),
    UseGuards(TokenGuard, RolesGuard),
  );
}
