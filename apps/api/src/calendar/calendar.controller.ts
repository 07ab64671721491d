import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CalendarOverrideDto, CalendarQuery, DateParam } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';

/** Working days and SLA policies: what every deadline is counted on. */
@ApiTags('SLA calendar')
@Controller('api')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  @Get('calendar/today')
  @ApiOperation({
    summary: "Today in Việt Nam on the server's clock (a demo's shortened clock included)",
    description: 'The day units are judged in force on: the screens offer the units in force that day.',
  })
  today(): { today: string } {
    return { today: this.clock.today() };
  }

  @Get('calendar')
  @ApiOperation({ summary: 'Days off and make-up working days in a range, with their legal basis' })
  range(@Query() query: CalendarQuery) {
    return this.calendar.range(query.from, query.to);
  }

  @Get('calendar/overrides')
  @ApiOperation({ summary: 'The days the government announced beyond the statute' })
  overrides() {
    return this.calendar.overrides();
  }

  @Put('calendar/overrides/:date')
  @ActingUser()
  @ApiOperation({ summary: 'Admin: set an extra day off or a make-up working day' })
  @ApiResponse({ status: 400, description: 'Malformed date or body; `errors` names each field' })
  setOverride(@CurrentActor() actor: Actor, @Param() params: DateParam, @Body() body: CalendarOverrideDto) {
    return this.calendar.setOverride(actor, params.date, body);
  }

  @Delete('calendar/overrides/:date')
  @HttpCode(204)
  @ActingUser()
  @ApiOperation({ summary: 'Admin: remove an override' })
  @ApiResponse({ status: 404, description: 'No override on that date' })
  removeOverride(@CurrentActor() actor: Actor, @Param() params: DateParam) {
    return this.calendar.removeOverride(actor, params.date);
  }

  @Get('sla-policies')
  @ApiOperation({ summary: 'SLA policies: working days per category × urgency, reminder points' })
  slaPolicies() {
    return this.calendar.slaPolicies();
  }
}
