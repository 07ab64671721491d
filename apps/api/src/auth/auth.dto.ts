import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DEMO_PASSWORD } from '@ngk/persistence';

export class LoginDto {
  @ApiProperty({ example: 'cadre.hoaloi' })
  @IsNotEmpty({ message: 'username is required' })
  @IsString()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: DEMO_PASSWORD, format: 'password' })
  @IsNotEmpty({ message: 'password is required' })
  @IsString()
  @MaxLength(200)
  password!: string;
}
