import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { SimilarItemsQuery } from './dto/similar-items.query';
import {
  SIMILAR_LIMIT,
  SIMILAR_MIN_LETTERS,
  SIMILAR_RECENT_DAYS,
  SimilarItemsService,
} from './similar-items.service';

/** Listed before the item routes, so `similar` is never read as an item's id. */
@ApiTags('recommendations')
@ActingUser()
@Controller('api/recommendations')
export class SimilarItemsController {
  constructor(private readonly similarItems: SimilarItemsService) {}

  @Get('similar')
  @ApiOperation({
    summary: `Up to ${SIMILAR_LIMIT} items like a title being written, in the same commune or category`,
    description:
      `Open items, and items closed in the last ${SIMILAR_RECENT_DAYS} days, that the caller may see; ` +
      `most alike first. A title of fewer than ${SIMILAR_MIN_LETTERS} letters finds nothing.`,
  })
  @ApiResponse({ status: 400, description: 'A malformed parameter; `errors` names it' })
  similar(@CurrentActor() actor: Actor, @Query() query: SimilarItemsQuery) {
    return this.similarItems.similar(actor, query);
  }
}
