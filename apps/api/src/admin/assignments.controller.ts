import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CreateAssignmentDto, EndAssignmentDto, ReassignDto } from './assignments.dto';
import { AssignmentsService } from './assignments.service';

/** Admin: which communes each cadre follows, by dated decision. ACCESS_POLICY limits these routes to admins. */
@ApiTags('admin')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
@Controller('api')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('users/:id/assignments')
  @ApiOperation({ summary: "A cadre's assignments to communes, latest first" })
  @ApiResponse({ status: 404, description: 'No such user' })
  list(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.assignments.ofUser(id);
  }

  @Post('users/:id/assignments')
  @ApiOperation({
    summary: 'Assign a commune (or district) to a cadre by a decision, from a day, until a day or for now',
    description: 'The cadre sees the items of the units of the assignments in force today.',
  })
  @ApiResponse({ status: 404, description: 'No such user' })
  @ApiResponse({ status: 409, description: 'The cadre is already assigned this unit on some of these days' })
  @ApiResponse({
    status: 422,
    description: 'Not a cadre; unknown, ended or wrong kind of unit; validTo before validFrom',
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateAssignmentDto,
  ) {
    return this.assignments.create(actor, id, body);
  }

  @Patch('assignments/:id')
  @ApiOperation({ summary: 'End an assignment on a day (its last day), or let it run on with null' })
  @ApiResponse({ status: 404, description: 'No such assignment' })
  @ApiResponse({ status: 409, description: 'It would overlap another assignment of the same cadre and unit' })
  end(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: EndAssignmentDto,
  ) {
    return this.assignments.end(actor, id, body);
  }

  @Post('assignments/reassign')
  @ApiOperation({
    summary: 'Move a commune from one cadre to another by one decision, and hand over its waiting items',
    description:
      "The leaving cadre's assignment ends the day before validFrom and the new one begins that day. Every " +
      'item of the unit waiting for the leaving cadre (information, feedback, verification) is handed to ' +
      'the new cadre, with an event and a notification. Sending the same reassignment again writes nothing ' +
      'more and hands over only what is left.',
  })
  @ApiResponse({
    status: 409,
    description: 'The new cadre is already assigned this unit on some of these days',
  })
  @ApiResponse({
    status: 422,
    description:
      'Unknown user or unit, not a cadre, the leaving cadre not assigned, or validFrom in the future',
  })
  reassign(@CurrentActor() actor: Actor, @Body() body: ReassignDto) {
    return this.assignments.reassign(actor, body);
  }
}
