import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CadreReportAmendmentDto, SaveCadreReportDto } from './cadre-reports.dto';
import { CadreReportsService } from './cadre-reports.service';

/** The cadre's periodic report: their list, one report, its draft, its submission and its amendments. */
@ApiTags('cadre reports')
@ActingUser()
@ApiResponse({ status: 404, description: 'No such report among yours' })
@Controller('api/cadre-reports')
export class CadreReportsController {
  constructor(private readonly reports: CadreReportsService) {}

  @Get()
  @ApiOperation({ summary: 'My reports: those waiting for me first, each with its deadline and standing' })
  mine(@CurrentActor() actor: Actor) {
    return this.reports.mine(actor);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One report whole: issues, field visits, note, meetings attended, recommendations raised, timeline',
    description: 'Its cadre, or the Organization Board’s staff.',
  })
  @ApiResponse({ status: 403, description: 'Staff of another unit than the Organization Board' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Save the draft: the sections replace those saved before' })
  @ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
  @ApiResponse({ status: 409, description: 'Submitted already; or an issue in use was left out' })
  @ApiResponse({
    status: 422,
    description: 'Unknown category, issue not of this report, visit outside the period',
  })
  save(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SaveCadreReportDto,
  ) {
    return this.reports.save(actor, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the report, once; after its deadline it is marked late' })
  @ApiResponse({ status: 409, description: 'Submitted already' })
  submit(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.submit(actor, id);
  }

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Correct a submitted report: the amendment is added to its timeline' })
  @ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
  @ApiResponse({ status: 409, description: 'Not submitted yet: save the draft instead' })
  amend(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CadreReportAmendmentDto,
  ) {
    return this.reports.amend(actor, id, body);
  }
}
