import { Injectable } from '@nestjs/common';
import type { QuarterlyReport, ReportScope } from '@ngk/reports';
import type { Actor } from '../common/actor';
import { forbidden } from '../common/error-codes';
import { invalidField, unprocessable } from '../common/validation';
import { visibleFigures } from '../common/visibility';
import type { QuarterlyReportQuery } from './quarterly-report.query';
import { ReportsRepository } from './reports.repository';

@Injectable()
export class ReportsService {
  constructor(private readonly repository: ReportsRepository) {}

  /** The quarter's report over what the actor asked for and may see. */
  async quarterly(actor: Actor, query: QuarterlyReportQuery): Promise<QuarterlyReport> {
    return this.repository.quarterly(query, await this.scope(actor, query));
  }

  /** Leadership reads the province, a unit or a district; unit staff their own unit only. */
  private async scope(actor: Actor, query: QuarterlyReportQuery): Promise<ReportScope> {
    if (query.unitId && query.districtId) {
      throw invalidField('districtId', 'report.unit-or-district', 'give unitId or districtId, not both');
    }
    const scoped = visibleFigures(actor, query.unitId);
    if (!scoped || (scoped.own && query.districtId)) {
      throw forbidden('report.own-unit-only', 'a unit head sees the report of their own unit only');
    }
    if (scoped.own && scoped.unitId) return { kind: 'unit', unitId: scoped.unitId };
    const id = query.districtId ?? query.unitId;
    if (!id) return { kind: 'province' };
    const kind = await this.repository.unitKind(id);
    if (query.districtId && kind !== 'district') {
      throw unprocessable('districtId', 'reference.unknown-district', 'districtId names no district');
    }
    if (!kind) throw unprocessable('unitId', 'reference.unknown-unit', 'unitId names no unit');
    return query.districtId ? { kind: 'district', unitId: id } : { kind: 'unit', unitId: id };
  }
}
