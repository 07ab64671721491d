import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RoutingDecision, TimeScale } from '@ngk/domain';
import type { SubmissionRouting, SubmissionRoutingRequest } from '@ngk/domain/deadline-plan';
import { findRouting, routeSubmission } from '@ngk/persistence';
import type { DataSource } from 'typeorm';

/** The reference data routing reads: the unit tree and the active routing rules. */
@Injectable()
export class RoutingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The routing rule's decision, or null when no rule matches. */
  find(lookup: { categoryCode: string; localityUnitId: string }): Promise<RoutingDecision | null> {
    return findRouting(this.dataSource, lookup);
  }

  /** A submission's routing and the deadlines it starts, as the API computes it for a new item. */
  routeSubmission(scale: TimeScale, request: SubmissionRoutingRequest): Promise<SubmissionRouting> {
    return routeSubmission(this.dataSource, scale, request);
  }
}
