import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EMAIL_DIGESTS, type EmailDigest } from '@ngk/domain';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class NotificationIdParam {
  @ApiProperty({ example: '42', description: 'The notification number' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be a notification number' })
  id!: string;
}

export class NotificationPreferencesDto {
  @ApiPropertyOptional({ description: 'true: in-app only, no email' })
  @IsOptional()
  @IsBoolean({ message: 'emailMuted must be true or false' })
  emailMuted?: boolean;

  @ApiPropertyOptional({
    enum: EMAIL_DIGESTS,
    description: "'immediate': an email per notification; 'daily': one email at 07:30 Việt Nam time",
  })
  @IsOptional()
  @IsIn(EMAIL_DIGESTS, { message: `emailDigest must be one of: ${EMAIL_DIGESTS.join(', ')}` })
  emailDigest?: EmailDigest;
}
