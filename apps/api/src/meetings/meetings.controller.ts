import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import {
  CreateMeetingDto,
  GenerateMeetingsDto,
  MeetingsOverviewQuery,
  PeriodQuery,
  RecordAttendanceDto,
} from './meetings.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body or query; `errors` names each field' })
@Controller('api/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get('mine')
  @ApiOperation({
    summary: "The cadre's meetings: those of the communes assigned to them on each meeting's day",
    description: 'Each with what the cadre recorded, or `missed` once its day is over with nothing recorded.',
  })
  mine(@CurrentActor() actor: Actor, @Query() query: PeriodQuery) {
    return this.meetings.mine(actor, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Enter a meeting on the calendar',
    description:
      "A commune's meeting by its cadre (assigned on that day) or an admin; the Standing Committee's meeting with a locality by the Standing Committee, the Party Office or an admin.",
  })
  @ApiResponse({
    status: 403,
    description: 'Not the commune’s cadre that day, or not the Standing Committee’s side',
  })
  @ApiResponse({ status: 409, description: 'A meeting of this kind is already set for the unit on that day' })
  @ApiResponse({
    status: 422,
    description: 'The unit is unknown, not in force that day, or of the wrong kind',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeetingDto) {
    return this.meetings.create(actor, body);
  }

  @Post('generate')
  @ApiOperation({
    summary: "Generate the quarter's meetings by policy for every commune with a cadre assigned",
    description: 'Idempotent: meetings already there are counted as `existing`, never made twice.',
  })
  @ApiResponse({ status: 403, description: 'Not on the Organization Board’s staff' })
  generate(@CurrentActor() actor: Actor, @Body() body: GenerateMeetingsDto) {
    return this.meetings.generate(actor, body);
  }

  @Get('overview')
  @ApiOperation({
    summary: "The Organization Board's view: per commune, the period's meetings and each cadre's attendance",
  })
  @ApiResponse({ status: 403, description: 'Not on the Organization Board’s staff' })
  overview(@CurrentActor() actor: Actor, @Query() query: MeetingsOverviewQuery) {
    return this.meetings.overview(actor, query);
  }

  @Put(':id/attendance')
  @ApiOperation({
    summary: "Record the cadre's attendance: attended, absent with a reason, or delegated to someone named",
  })
  @ApiResponse({ status: 404, description: 'No such meeting among the communes assigned to the cadre' })
  @ApiResponse({ status: 409, description: 'The meeting has not been held yet' })
  @ApiResponse({ status: 422, description: 'An absence without a reason, a delegation without a name' })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordAttendanceDto,
  ) {
    return this.meetings.record(actor, id, body);
  }
}
