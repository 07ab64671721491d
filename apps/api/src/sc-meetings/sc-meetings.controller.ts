import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { scAgendaHtml, scAgendaXlsx, type ScAgenda } from '@ngk/reports';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import {
  AddAgendaLineDto,
  AgendaExportQuery,
  CreateScMeetingDto,
  RecordRulingDto,
  ReorderAgendaDto,
  UpdateAgendaLineDto,
} from './sc-meetings.dto';
import { agendaForPrint } from './sc-agenda-print';
import { ScMeetingsService } from './sc-meetings.service';

const uuid = new ParseUUIDPipe();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The Standing Committee's meetings, kept by the committee and the Party Office (the secretariat): the
 * agenda proposed, edited and frozen, then a ruling per line, each ruling on an item applied as a
 * directive through the item's workflow.
 */
@ApiTags('standing committee meetings')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
@ApiResponse({ status: 403, description: "Not the Standing Committee nor the Party Office's staff" })
@ApiResponse({ status: 404, description: 'No such meeting or agenda line' })
@Controller('api/sc-meetings')
export class ScMeetingsController {
  constructor(private readonly meetings: ScMeetingsService) {}

  @Get()
  @ApiOperation({ summary: 'Meetings, latest first, with their status and how many lines are ruled' })
  list(@CurrentActor() actor: Actor) {
    return this.meetings.list(actor);
  }

  @Post()
  @ApiOperation({
    summary:
      'A new meeting: its agenda starts as the proposal (items before the committee, overdue at level 1, ruling requests, flagged issues)',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateScMeetingDto) {
    return this.meetings.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The meeting and its agenda lines in order, each with its ruling and directive' })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.meetings.get(actor, id);
  }

  @Get(':id/proposal')
  @ApiOperation({ summary: 'What the sources propose now that is not on this agenda yet' })
  proposal(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.meetings.proposalFor(actor, id);
  }

  @Post(':id/lines')
  @ApiOperation({ summary: 'Add an item or a flagged emerging issue at the end of a draft agenda' })
  @ApiResponse({ status: 409, description: 'The agenda is frozen, or the line is on it already' })
  @ApiResponse({ status: 422, description: 'Both an item and an issue named, or the agenda is full' })
  addLine(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: AddAgendaLineDto) {
    return this.meetings.addLine(actor, id, body);
  }

  @Patch(':id/lines/:lineId')
  @ApiOperation({ summary: "Set a line's note" })
  @ApiResponse({ status: 409, description: 'The agenda is frozen' })
  updateLine(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('lineId', uuid) lineId: string,
    @Body() body: UpdateAgendaLineDto,
  ) {
    return this.meetings.updateLine(actor, id, lineId, body);
  }

  @Delete(':id/lines/:lineId')
  @ApiOperation({ summary: 'Remove a line from a draft agenda' })
  @ApiResponse({ status: 409, description: 'The agenda is frozen' })
  removeLine(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('lineId', uuid) lineId: string,
  ) {
    return this.meetings.removeLine(actor, id, lineId);
  }

  @Put(':id/order')
  @ApiOperation({ summary: "Reorder a draft agenda: every line's id, in the new order" })
  @ApiResponse({ status: 409, description: 'The agenda is frozen' })
  @ApiResponse({ status: 422, description: 'lineIds does not name every line once' })
  reorder(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ReorderAgendaDto) {
    return this.meetings.reorder(actor, id, body);
  }

  @Post(':id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the agenda: no more edits; rulings may be recorded' })
  @ApiResponse({ status: 409, description: 'Frozen already' })
  @ApiResponse({ status: 422, description: 'The agenda is empty' })
  freeze(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.meetings.freeze(actor, id);
  }

  @Post(':id/lines/:lineId/ruling')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record a line's ruling: for an item a new deadline, a new lead unit or closure, applied as a directive through its workflow; for an issue a text",
  })
  @ApiResponse({ status: 409, description: 'Not frozen yet, the meeting not yet held, or ruled already' })
  @ApiResponse({
    status: 422,
    description: "The ruling's kind does not fit the line, or a field it needs is missing",
  })
  rule(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('lineId', uuid) lineId: string,
    @Body() body: RecordRulingDto,
  ) {
    return this.meetings.rule(actor, id, lineId, body);
  }

  @Get(':id/minutes')
  @ApiOperation({ summary: 'The minutes: every ruling, and the directive event it created on its item' })
  minutes(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.meetings.minutes(actor, id);
  }

  @Get(':id/agenda')
  @ApiOperation({ summary: 'The agenda (with its rulings) as XLSX or as a page made for printing' })
  @ApiProduces(XLSX, 'text/html')
  async agenda(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() query: AgendaExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const lang = query.lang ?? 'vi';
    const agenda: ScAgenda = agendaForPrint(await this.meetings.get(actor, id), lang);
    if (query.format === 'xlsx')
      return new StreamableFile(await scAgendaXlsx(agenda, lang), {
        type: XLSX,
        disposition: `attachment; filename="chuong-trinh-ban-thuong-vu-${agenda.date}.xlsx"`,
      });
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return scAgendaHtml(agenda, lang);
  }
}
