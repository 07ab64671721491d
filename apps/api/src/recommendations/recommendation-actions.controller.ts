import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { IdempotencyKey } from '../common/idempotency-key';
import {
  AcknowledgeDto,
  CoordinateDto,
  DecideExtensionDto,
  DirectiveDto,
  FeedbackDto,
  MarkDuplicateDto,
  ProgressDto,
  ProvideInfoDto,
  ReopenDto,
  RequestExtensionDto,
  RequestInfoDto,
  RequestRulingDto,
  ResolveDto,
  RouteDto,
  TransferDto,
  VerifyDto,
} from './dto/action.dto';
import { DuplicatesService } from './duplicates.service';
import { RecommendationsService } from './recommendations.service';

const uuid = new ParseUUIDPipe();

/** One route per human action; each is a Workflow Update whose validator refuses before anything is written. */
@ApiTags('recommendation actions')
@ApiResponse({ status: 200, description: 'Done; the body is the item in its new state' })
@ApiResponse({ status: 400, description: 'Malformed body; `errors` names each field and reason' })
@ApiResponse({ status: 403, description: 'This user or unit may not take this action on this item' })
@ApiResponse({ status: 404, description: 'No such recommendation' })
@ApiResponse({
  status: 409,
  description: 'Not possible in the current state; the body lists `allowedActions`',
})
@ApiResponse({
  status: 422,
  description:
    'Refers to an unknown unit, breaks a lifecycle rule, or reuses an Idempotency-Key with another body',
})
@ApiResponse({
  status: 429,
  description: 'More actions than one user may take a minute, or one item a day; Retry-After says when',
})
@ApiResponse({ status: 503, description: 'The database is unavailable; retry with the same Idempotency-Key' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key gets the first answer again, and the action is taken once',
})
@ActingUser()
@Controller('api/recommendations/:id')
export class RecommendationActionsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly duplicates: DuplicatesService,
  ) {}

  @Post('route')
  @HttpCode(200)
  @ApiOperation({ summary: 'Triage office: route an item no rule matched' })
  route(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RouteDto,
  ) {
    return this.recommendations.act(actor, id, key, {
      action: 'route',
      leadUnitId: body.leadUnitId,
      coordinatingUnitIds: body.coordinatingUnitIds ?? [],
      note: body.note,
    });
  }

  @Post('acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead unit: acknowledge the item' })
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: AcknowledgeDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'acknowledge', note: body.note });
  }

  @Post('coordinate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Coordinating unit: give its opinion to the lead unit (phối hợp)' })
  coordinate(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: CoordinateDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'coordinate', opinion: body.opinion });
  }

  @Post('request-info')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead unit: ask the cadre for more information' })
  requestInfo(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RequestInfoDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'request-info', question: body.question });
  }

  @Post('provide-info')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cadre in charge: answer the lead unit' })
  provideInfo(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: ProvideInfoDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'provide-info', answer: body.answer });
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lead unit: transfer to another unit, or back to the triage office, with a reason',
  })
  transfer(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: TransferDto,
  ) {
    return this.recommendations.act(actor, id, key, {
      action: 'transfer',
      reason: body.reason,
      toUnitId: body.toUnitId ?? null,
    });
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead unit: post progress' })
  progress(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: ProgressDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'progress', note: body.note });
  }

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead unit: resolve with a written response and an outcome' })
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: ResolveDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'resolve', ...body });
  }

  @Post('feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cadre in charge: accept the answer, or dispute it with a reason' })
  feedback(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: FeedbackDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'feedback', ...body });
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cadre in charge: confirm a planned outcome was done, or reopen it (kiểm)' })
  verify(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: VerifyDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'verify', ...body });
  }

  @Post('directive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Standing Committee: new deadline, new lead unit, or close' })
  directive(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: DirectiveDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'directive', ...body });
  }

  @Post('request-extension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead unit: ask for more working days, with a reason (decided one level up)' })
  requestExtension(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RequestExtensionDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'request-extension', ...body });
  }

  @Post('decide-extension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Head of the lead unit or of its supervising body: approve or refuse' })
  decideExtension(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: DecideExtensionDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'decide-extension', ...body });
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cadre in charge (the submitter unless handed over): reopen a closed item within its window, with a reason (not after a Standing Committee close)',
  })
  reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: ReopenDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'reopen', reason: body.reason });
  }

  @Post('mark-duplicate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Lead unit: merge the item into the one it duplicates, with a reason; it closes for good and its cadre follows the original',
  })
  markDuplicate(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: MarkDuplicateDto,
  ) {
    return this.duplicates.mark(actor, id, key, body);
  }

  @Post('request-ruling')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Lead unit's head or cadre in charge: ask the Standing Committee to rule (kiến nghị Ban Thường vụ chỉ đạo), with a reason; the status does not change",
  })
  requestRuling(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RequestRulingDto,
  ) {
    return this.recommendations.act(actor, id, key, { action: 'request-ruling', reason: body.reason });
  }
}
