import { Body, Controller, Get, HttpCode, Injectable, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';

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
  @ApiOperation({ summary: 'Sign in with username and password; answers a Bearer access token' })
  @ApiResponse({ status: 401, description: 'Wrong username or password' })
  @ApiResponse({ status: 429, description: 'Too many attempts for this username from this address' })
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  @Post('logout')
  @HttpCode(204)
  @ActingUser()
  @ApiOperation({ summary: 'Revoke the access token in use' })
  logout(@CurrentActor() actor: Actor) {
    return this.auth.logout(actor);
  }

  @Get('me')
  @ActingUser()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor) {
    const { tokenId: _tokenId, ...user } = actor;
    return user;
  }
}
