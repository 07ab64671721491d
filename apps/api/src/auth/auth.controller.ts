import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { SignInLimits, TooManySignIns } from './sign-in-limits.service';
import {
  clearRefreshCookie,
  REFRESH_COOKIE,
  REFRESH_HEADER,
  refreshCookie,
  setRefreshCookie,
} from './session-cookie';

@ApiTags('sign-in')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: SignInLimits,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with username and password',
    description: `Answers a short-lived Bearer access token, and sets the \`${REFRESH_COOKIE}\` cookie (httpOnly, SameSite=Strict, path /api/auth) that POST /api/auth/refresh trades for the next one.`,
  })
  @ApiResponse({ status: 401, description: 'Wrong username or password' })
  @ApiResponse({
    status: 429,
    description:
      'Too many failed sign-ins from this address (`auth.address-throttled`) or for this username (`auth.account-locked`); Retry-After says when to try again',
  })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { session, refreshToken } = await this.limits
      .attempt(address, body.username, () => this.auth.login(body.username, body.password))
      .catch((err: unknown) => {
        if (err instanceof TooManySignIns)
          res.setHeader('Retry-After', String(err.refusal.retryAfterSeconds));
        throw err;
      });
    setRefreshCookie(req, res, refreshToken, this.auth.refreshTtl());
    return session;
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiHeader({
    name: REFRESH_HEADER,
    required: true,
    description: 'Any value: proves the call is not a cross-site form',
  })
  @ApiOperation({
    summary: 'A new access token from the refresh cookie',
    description: 'The cookie is rotated on every use; presenting an old one ends the whole session.',
  })
  @ApiResponse({ status: 400, description: `The ${REFRESH_HEADER} header is missing` })
  @ApiResponse({ status: 401, description: 'No cookie, or a session that ended, expired or was used twice' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!req.get(REFRESH_HEADER)) {
      throw new BadRequestException(`send the ${REFRESH_HEADER} header with a refresh`);
    }
    try {
      const { session, refreshToken } = await this.auth.refresh(refreshCookie(req));
      setRefreshCookie(req, res, refreshToken, this.auth.refreshTtl());
      return session;
    } catch (err) {
      // A session that ended is forgotten; a database that is briefly away (503) ends nothing.
      if (err instanceof UnauthorizedException) clearRefreshCookie(req, res);
      throw err;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ActingUser()
  @ApiOperation({ summary: "Revoke the access token in use, and this browser's session" })
  async logout(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(actor, refreshCookie(req));
    clearRefreshCookie(req, res);
  }

  @Get('me')
  @ActingUser()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }
}
