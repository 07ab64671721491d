import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { IdempotencyKey } from '../common/idempotency-key';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { ListRecommendationsQuery } from './dto/list-recommendations.query';
import { TimelineQuery } from './dto/timeline.query';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@ActingUser()
@Controller('api/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit a recommendation; answers once it is routed' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retries with the same key return the same item, even after the item has closed; 1 to 128 letters, digits or . _ : -',
  })
  @ApiResponse({ status: 201, description: 'Submitted and routed (or sent to the triage office)' })
  @ApiResponse({ status: 400, description: 'A field is malformed; `errors` names each field and reason' })
  @ApiResponse({
    status: 422,
    description: 'Unknown category or unit, or an Idempotency-Key reused with another body',
  })
  @ApiResponse({
    status: 429,
    description: 'More submissions this minute than one user may make; Retry-After says when to retry',
  })
  submit(
    @CurrentActor() actor: Actor,
    @Body() body: CreateRecommendationDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.recommendations.submit(actor, body, idempotencyKey);
  }

  @Get()
  @ApiOperation({
    summary: 'List with filters and search, in the order asked (newest first by default), cursor-paginated',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListRecommendationsQuery) {
    return this.recommendations.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One recommendation: status, units and deadlines' })
  @ApiResponse({ status: 404, description: 'No such recommendation' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.recommendations.get(actor, id);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'The events of a recommendation, a page at a time: who did what, when and why',
  })
  @ApiResponse({
    status: 200,
    description: '`events` in the order asked, and `nextCursor` (null on the last page)',
  })
  @ApiResponse({ status: 400, description: 'A bad limit, order or cursor; `errors` names the field' })
  @ApiResponse({ status: 404, description: 'No such recommendation' })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: TimelineQuery,
  ) {
    return this.recommendations.timeline(actor, id, query);
  }
}
