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
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Role } from '@ngk/domain';

/** Who is acting. Controllers read it with @CurrentActor(); only the guard decides how it is known. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  followedUnitIds: string[];
}

export const ACTOR_HEADER = 'x-actor';
const ROLES_KEY = 'ngk:roles';

type RequestWithActor = Request & { actor?: Actor };

/**
 * Identifies the acting user from the `X-Actor` header (a username) until accounts and tokens exist;
 * an authentication guard replaces this one without touching controllers.
 */
@Injectable()
export class HeaderActorGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const username = request.header(ACTOR_HEADER);
    if (!username)
      throw new UnauthorizedException(`the ${ACTOR_HEADER.toUpperCase()} header (a username) is required`);
    const [user] = await this.dataSource.query(
      `SELECT id AS "userId", username, role, unit_id AS "unitId", followed_unit_ids AS "followedUnitIds"
         FROM users WHERE username = $1`,
      [username],
    );
    if (!user) throw new UnauthorizedException(`unknown user "${username}" in ${ACTOR_HEADER.toUpperCase()}`);
    request.actor = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`only ${roles.join(' or ')} may do this`);
    }
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new UnauthorizedException('no acting user');
  return actor;
});

/**
 * Marks a controller or route that needs an acting user, optionally of given roles: the guard that
 * identifies them and its OpenAPI description, in one place, so replacing the header with sign-in
 * touches no controller.
 */
export function ActingUser(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ...(roles.length > 0
      ? [SetMetadata(ROLES_KEY, roles), ApiResponse({ status: 403, description: `Only ${roles.join(', ')}` })]
      : []),
    ApiHeader({
      name: 'X-Actor',
      required: true,
      description: 'Username of the acting user (until sign-in exists)',
    }),
    ApiResponse({ status: 401, description: 'No acting user, or an unknown one' }),
    UseGuards(HeaderActorGuard),
  );
}
