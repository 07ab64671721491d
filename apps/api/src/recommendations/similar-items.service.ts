import { Injectable } from '@nestjs/common';
import { ClockService } from '../calendar/clock.service';
import type { Actor } from '../common/actor';
import type { SimilarItemsQuery } from './dto/similar-items.query';
import { SimilarItemsRepository, type SimilarItem } from './similar-items.repository';

/** A closed item counts as recent, and is still offered as similar, this many days after it closed. */
export const SIMILAR_RECENT_DAYS = 90;
/** At most this many similar items: enough to spot a duplicate, few enough to read while typing. */
export const SIMILAR_LIMIT = 5;
/** Letters (blanks aside) a title needs before anything is looked for: fewer match almost everything. */
export const SIMILAR_MIN_LETTERS = 4;
/** How much of the title's trigrams an item's words must share (pg_trgm word similarity, 0 to 1). */
const SIMILARITY_THRESHOLD = 0.4;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Items like the one a cadre is writing, so a duplicate can be seen before it is sent. */
@Injectable()
export class SimilarItemsService {
  constructor(
    private readonly repository: SimilarItemsRepository,
    private readonly clock: ClockService,
  ) {}

  async similar(actor: Actor, query: SimilarItemsQuery): Promise<{ items: SimilarItem[] }> {
    const title = query.title.trim();
    if (title.replace(/\s/g, '').length < SIMILAR_MIN_LETTERS) return { items: [] };
    const items = await this.repository.similar(
      {
        title,
        localityUnitId: query.localityUnitId,
        categoryCode: query.categoryCode,
        // Closing times are real instants; the days are the project's, which a demo may run faster.
        closedSince: new Date(this.clock.scale.toReal(this.clock.now() - SIMILAR_RECENT_DAYS * DAY_MS)),
        limit: SIMILAR_LIMIT,
        threshold: SIMILARITY_THRESHOLD,
      },
      actor,
    );
    return { items };
  }
}
