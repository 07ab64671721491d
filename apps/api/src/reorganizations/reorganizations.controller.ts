import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CreateReorganizationDto } from './reorganizations.dto';
import { ReorganizationsService } from './reorganizations.service';

/** Admin: reorganization decisions, their preview and their run. ACCESS_POLICY limits these routes to admins. */
@ApiTags('admin')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field' })
@ApiResponse({ status: 404, description: 'No such reorganization' })
@Controller('api/reorganizations')
export class ReorganizationsController {
  constructor(private readonly reorganizations: ReorganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'Reorganizations, newest first, each with its progress' })
  list() {
    return this.reorganizations.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Record a reorganization decision: its number and dates, the units it ends and their successors',
    description:
      'A unit without `successorId` has several successors or none: its open items go to the review list and its accounts wait for an admin.',
  })
  @ApiResponse({
    status: 422,
    description:
      'A unit unknown, ended already, or named twice; a successor unknown, not in force on the effective date, of another kind, or ended by the same decision',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReorganizationDto) {
    return this.reorganizations.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The decision, its units and its progress: status, total, done, moved, review' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reorganizations.get(id);
  }

  @Post(':id/communes')
  @ApiOperation({
    summary: 'Add commune mergers from a CSV file: `old_code,new_code` per line, header allowed',
    description:
      'A commune named with several new communes gets none: its items go to the review list. Taken whole or not at all.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'old_code,new_code\nxa-a,xa-moi\nxa-b,xa-moi\n' } })
  @ApiResponse({ status: 409, description: 'The reorganization has started' })
  @ApiResponse({ status: 422, description: 'Lines that cannot be taken, each named `line.<n>` in `errors`' })
  addCommunes(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
  ) {
    return this.reorganizations.addCommunes(actor, id, body);
  }

  @Get(':id/preview')
  @ApiOperation({
    summary:
      'Dry run: which units end, which rules and accounts move or need a decision, which items move to whom',
    description: 'Writes nothing.',
  })
  preview(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reorganizations.preview(id);
  }

  @Post(':id/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start the run, or find the one started before; answers the progress',
    description:
      'The run waits for the effective date, ends the units, moves rules and accounts, then hands every open item to its successor in batches. Calling it again changes nothing.',
  })
  @ApiResponse({ status: 202, description: 'Started, or running or done already' })
  @ApiResponse({ status: 422, description: 'No units named yet' })
  run(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.reorganizations.run(actor, id);
  }

  @Get(':id/review')
  @ApiOperation({
    summary: 'The review list: items left for an admin (successor ambiguous), and accounts to decide',
  })
  review(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reorganizations.review(id);
  }
}
