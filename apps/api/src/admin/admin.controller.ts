import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { AdminAuditService } from './admin-audit.service';
import { AuditQuery, CreateUserDto, SlaPolicyDto, UpdateUserDto } from './admin.dto';
import { AdminService } from './admin.service';
import {
  CreateRoutingRuleDto,
  CreateUnitDto,
  UpdateRoutingRuleDto,
  MoveUnitDto,
  UpdateUnitDto,
} from './reference-admin.dto';
import { ReferenceAdminService } from './reference-admin.service';

/** Admin: accounts, units, routing rules and SLA policies. Every change is audited; ACCESS_POLICY limits these routes to admins. */
@ApiTags('admin')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
@Controller('api')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly reference: ReferenceAdminService,
    private readonly audit: AdminAuditService,
  ) {}

  @Get('admin/audit')
  @ApiOperation({
    summary: 'Who changed what and when: the admin audit of one kind of record, newest first',
    description: '`changed` lists the fields whose value differs; passwords are never recorded.',
  })
  changes(@Query() query: AuditQuery) {
    return this.audit.changes(query);
  }

  @Get('users')
  @ApiOperation({ summary: 'Accounts (never their passwords)' })
  users() {
    return this.admin.users();
  }

  @Post('users')
  @ApiOperation({ summary: 'Create an account' })
  @ApiResponse({ status: 409, description: 'Username taken, in any case' })
  @ApiResponse({ status: 422, description: 'Unknown unit, or a unit role without a unit' })
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.admin.createUser(actor, body);
  }

  @Patch('users/:id')
  @ApiOperation({
    summary: 'Change an account: role, unit, email, password, active',
    description:
      'A new password, `active: false`, or a new role or unit ends every session of the user at once.',
  })
  @ApiResponse({ status: 409, description: 'The last active admin cannot be deactivated or demoted' })
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

  @Post('units')
  @ApiOperation({ summary: 'Add a unit (a reform adds units with validity dates)' })
  @ApiResponse({ status: 409, description: 'Code taken' })
  @ApiResponse({ status: 422, description: 'Unknown parent or supervisor, or validTo before validFrom' })
  createUnit(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto) {
    return this.reference.createUnit(actor, body);
  }

  @Patch('units/:id')
  @ApiOperation({ summary: 'Change a unit: names, parent, supervisor, head title, validity' })
  updateUnit(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUnitDto,
  ) {
    return this.reference.updateUnit(actor, id, body);
  }

  @Post('units/:id/moves')
  @ApiOperation({
    summary: 'Move a unit under another parent from a day on (today or earlier)',
    description:
      'The dashboard and the quarterly report count each item under the district of its submission day: items submitted from that day on count under the new parent.',
  })
  @ApiResponse({
    status: 422,
    description: 'Unknown or ended parent, or a day before the unit began or after today',
  })
  moveUnit(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MoveUnitDto,
  ) {
    return this.reference.moveUnit(actor, id, body);
  }

  @Post('routing-rules')
  @ApiOperation({ summary: 'Add a routing rule' })
  @ApiResponse({ status: 409, description: 'Code taken' })
  @ApiResponse({ status: 422, description: 'Unknown category, unit or SLA policy' })
  createRoutingRule(@CurrentActor() actor: Actor, @Body() body: CreateRoutingRuleDto) {
    return this.reference.createRoutingRule(actor, body);
  }

  @Patch('routing-rules/:id')
  @ApiOperation({ summary: 'Change a routing rule: lead, coordinating units, SLA policy, priority, active' })
  updateRoutingRule(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateRoutingRuleDto,
  ) {
    return this.reference.updateRoutingRule(actor, id, body);
  }
}
