import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { conflict } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import { CadreReportsRepository } from './cadre-reports.repository';

/**
 * An emerging issue turned into a recommendation in one step: the submission names the issue, which must
 * be one of the cadre's own and not made into a recommendation yet; once the item exists it is linked.
 */
@Injectable()
export class ReportIssueLinks {
  constructor(private readonly repository: CadreReportsRepository) {}

  /** Runs a submission made of the issue alone: one made of it at the same time waits, then is refused. */
  exclusively<T>(issueId: string, submission: () => Promise<T>): Promise<T> {
    return this.repository.exclusively(issueId, submission);
  }

  async assertLinkable(actor: Actor, issueId: string): Promise<void> {
    const issue = await this.repository.issue(issueId);
    if (!issue || issue.cadreUserId !== actor.userId)
      throw unprocessable('fromIssueId', 'report-issue.not-found', 'no such emerging issue in your reports');
    if (issue.recommendationId)
      throw conflict(
        'report-issue.already-linked',
        'this issue was made into a recommendation already',
        'fromIssueId',
      );
  }

  /** Links the issue (the submission holds it, so no other item can have taken it meanwhile). */
  async link(issueId: string, recommendationId: string): Promise<void> {
    if (!(await this.repository.link(issueId, recommendationId)))
      throw conflict(
        'report-issue.already-linked',
        'this issue was made into a recommendation already',
        'fromIssueId',
      );
  }
}
