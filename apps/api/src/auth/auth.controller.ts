import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import {
  clearRefreshCookie,
  REFRESH_COOKIE,
  REFRESH_HEADER,
  refreshCookie,
  setRefreshCookie,
} from './session-cookie';

/** Sign-in attempts are counted per address and username: guessing one account is slowed, not others. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request): Promise<string> {
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    return `${req.ip}:${username.toLowerCase()}`;
  }
}

@ApiTags('sign-in')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({
    summary: 'Sign in with username and password',
    description: `Answers a short-lived Bearer access token, and sets the \`${REFRESH_COOKIE}\` cookie (httpOnly, SameSite=Strict, path /api/auth) that POST /api/auth/refresh trades for the next one.`,
  })
  @ApiResponse({ status: 401, description: 'Wrong username or password' })
  @ApiResponse({ status: 429, description: 'Too many attempts for this username from this address' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { session, refreshToken } = await this.auth.login(body.username, body.password);
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
    const { tokenId: _tokenId, ...user } = actor;
    return user;
  }
}
