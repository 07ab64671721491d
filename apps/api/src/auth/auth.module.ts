import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Environment } from '@ngk/config';
import { AuthController, LoginThrottlerGuard } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtStrategy, jwtSecret } from './jwt.strategy';
import { RefreshTokens } from './refresh-tokens.repository';

/** Five sign-in attempts a minute per address and username. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 5;

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        secret: jwtSecret(config),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    ThrottlerModule.forRoot({
      throttlers: [{ name: 'login', ttl: 60_000, limit: LOGIN_ATTEMPTS_PER_MINUTE }],
      errorMessage: 'too many sign-in attempts for this username: wait a minute and try again',
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, JwtStrategy, LoginThrottlerGuard, RefreshTokens],
})
export class AuthModule {}
