import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { reopenWindowAt } from '@ngk/domain';
import type { Actor } from '../common/actor';
import { conflict, type RefusalCode } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import type { MarkDuplicateDto } from './dto/action.dto';
import { DuplicatesRepository } from './duplicates.repository';
import { RecommendationsService } from './recommendations.service';

/**
 * Merging duplicates. The original must be an item the caller sees, not the item itself, not itself a
 * duplicate (the refusal names the end of its chain, the item to choose instead), and not closed for
 * good: an original closed within its reopening window still runs and may be chosen, one whose window
 * has ended or that the Standing Committee closed may not. The lifecycle decides the rest (who, when).
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly repository: DuplicatesRepository,
  ) {}

  async mark(actor: Actor, id: string, key: string | undefined, body: MarkDuplicateDto) {
    const item = await this.recommendations.get(actor, id);
    // Someone who may not mark it now hears the lifecycle's refusal (403, 409), whatever the original.
    if (item.allowedActions.includes('mark-duplicate')) await this.checkOriginal(actor, id, body.originalId);
    return this.recommendations.act(actor, id, key, {
      action: 'mark-duplicate',
      originalId: body.originalId,
      reason: body.reason,
    });
  }

  /** The item's original and the duplicates merged into it, as far as the caller sees them. */
  async around(actor: Actor, id: string) {
    await this.recommendations.get(actor, id);
    return this.repository.around(id, actor);
  }

  private async checkOriginal(actor: Actor, id: string, originalId: string): Promise<void> {
    if (originalId === id)
      throw unprocessable(
        'originalId',
        'duplicate.original-is-itself',
        'an item cannot duplicate itself: choose another item',
      );
    const original = await this.repository.original(originalId, actor);
    if (!original) throw originalNotFound(originalId);
    if (original.duplicateOfId) {
      const root = await this.repository.rootOf(originalId);
      throw conflictWith(
        'duplicate.original-is-duplicate',
        `that item is itself a duplicate, merged into ${root?.reference ?? 'another'}: choose that one`,
        root ? { reference: root.reference, originalId: root.id } : {},
      );
    }
    const window = reopenWindowAt(original, Date.now());
    if (original.status === 'closed' && window !== 'open')
      throw conflict(
        'duplicate.original-closed',
        'that item is closed for good: its cadre can no longer reopen it, so nobody would follow it up',
        'originalId',
      );
  }
}

function originalNotFound(originalId: string): NotFoundException {
  const reason = `no recommendation ${originalId} that you can see`;
  const code = 'duplicate.original-not-found';
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: reason,
    code,
    errors: [{ field: 'originalId', code, reason }],
  });
}

/** A 409 on the originalId field, with the values its wording names. */
function conflictWith(code: RefusalCode, reason: string, params: Record<string, string>) {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    code,
    params,
    errors: [{ field: 'originalId', code, reason, params }],
  });
}
