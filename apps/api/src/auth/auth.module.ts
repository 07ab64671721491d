import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { Environment } from '@ngk/config';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtStrategy, jwtSecret } from './jwt.strategy';
import { RefreshTokens } from './refresh-tokens.repository';
import { SignInLimitsRepository } from './sign-in-limits.repository';
import { SignInLimits } from './sign-in-limits.service';

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
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, JwtStrategy, RefreshTokens, SignInLimits, SignInLimitsRepository],
})
export class AuthModule {}
