import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CreateUserDto, SlaPolicyDto, UpdateUserDto } from './admin.dto';
import { AdminService } from './admin.service';

/** Admin: accounts and SLA policies. Every change is audited; ACCESS_POLICY limits these routes to admins. */
@ApiTags('admin')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
@Controller('api')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  @ApiOperation({ summary: 'Accounts (never their passwords)' })
  users() {
    return this.admin.users();
  }

  @Post('users')
  @ApiOperation({ summary: 'Create an account' })
  @ApiResponse({ status: 409, description: 'Username taken' })
  @ApiResponse({ status: 422, description: 'Unknown unit, or a unit role without a unit' })
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.admin.createUser(actor, body);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Change an account: role, unit, communes followed, email, password, active' })
  updateUser(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
  ) {
    return this.admin.updateUser(actor, id, body);
  }

  @Put('sla-policies/:code')
  @ApiOperation({ summary: 'Change an SLA policy; deadlines computed afterwards use it' })
  updateSlaPolicy(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: SlaPolicyDto) {
    return this.admin.updateSlaPolicy(actor, code, body);
  }
}
