import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  WELL_KNOWN_UNITS,
  type Outcome,
  type RecommendationStatus,
  type TaskRole,
  type TaskStatus,
  type TimeScale,
} from '@ngk/domain';
import type { SubmissionRouting, SubmissionRoutingRequest } from '@ngk/domain/deadline-plan';
import {
  prepared,
  routeSubmission,
  selectRecommendationColumns,
  whileDatabaseAnswers,
} from '@ngk/persistence';
import {
  DATED_UNIT_COLUMNS,
  datedUnits,
  namedIds,
  type DatedUnitRow,
} from '../common/dated-units.repository';
import { visibleItems, type VisibilityActor } from '../common/visibility';
import type { ListOrder, ListSort } from './list-cursor';
import type { TimelineOrder } from './timeline-cursor';

export interface TaskView {
  id: string;
  unitId: string;
  unitCode: string;
  unitNameVi: string;
  role: TaskRole;
  status: TaskStatus;
  openedAt: Date;
  closedAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
  note: string | null;
}

export interface ListFilter {
  status?: string;
  unitId?: string;
  districtId?: string;
  communeId?: string;
  category?: string;
  overdue?: boolean;
  escalationLevel?: number;
  text?: string;
  /** Items this cadre submitted, is in charge of, or follows since a duplicate merged into it. */
  cadre?: string;
  /** Items this unit holds or ever held. */
  handledByUnitId?: string;
  /** Days of submission, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

/** Which page: the order, where the previous page ended, and how many. */
export interface ListPage {
  sort: ListSort;
  order: ListOrder;
  after: { key: string; id: string } | null;
  limit: number;
}

export interface ListRow {
  id: string;
  reference: string;
  title: string;
  status: RecommendationStatus;
  sortKey: string;
  [column: string]: unknown;
}

export interface ListPageResult {
  items: Omit<ListRow, 'sortKey'>[];
  /** Where the next page starts, or null on the last page. */
  next: { key: string; id: string } | null;
}

const VN = 'Asia/Ho_Chi_Minh';

/** One item in full. */
const DETAIL_COLUMNS = selectRecommendationColumns('r');

/** A line of the list. */
const LIST_COLUMNS = selectRecommendationColumns('r', [
  'id',
  'reference',
  'title',
  'status',
  'categoryCode',
  'localityUnitId',
  'leadUnitId',
  'urgency',
  'overdue',
  'escalationLevel',
  'resolutionDueAt',
  'acknowledgeDueAt',
  'clockPausedAt',
  'feedbackDueAt',
  'directiveDueAt',
  'infoDueAt',
  'submittedBy',
  'cadreInCharge',
  'verificationDueAt',
  'reopenUntil',
  'closedByDirective',
  'duplicateOfId',
  'disputeCount',
  'maxEscalationLevel',
  'outcome',
  'createdAt',
  'updatedAt',
  'closedAt',
]);

/** The expression each order sorts on; each has an index on (expression, id). */
const SORT_KEYS: Record<ListSort, string> = {
  submitted: 'r.created_at',
  // An item without a resolution deadline (not routed yet) sorts after every dated one.
  deadline: "COALESCE(r.resolution_due_at, 'infinity'::timestamptz)",
  // The projection stamps updated_at with the time of each event it applies: the last activity.
  activity: 'r.updated_at',
};

/** The sort key as the cursor carries it: UTC with microseconds, so no two keys collapse into one. */
const SORT_KEY_TEXT = (key: string) =>
  `CASE WHEN ${key} = 'infinity' THEN 'infinity'
        ELSE to_char(${key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`;

/**
 * A search word shaped like a reference number: `KN-2026-000123` or `2026-000123` names the whole
 * reference, six digits or more (`000123`) the number alone, which is unique across years.
 */
export function referenceOf(word: string): { full?: string; seq?: number } | null {
  const m = /^(?:kn-)?(?:(\d{4})-)?(\d{6,15})$/i.exec(word);
  if (!m) return null;
  const seq = Number(m[2]);
  if (m[1]) return { full: `KN-${m[1]}-${String(seq).padStart(6, '0')}` };
  return { seq };
}

/** Events that give the item to a unit: the timeline names the unit. */
export const HANDOVER_EVENTS = [
  'routed',
  'sent-to-triage',
  'routed-by-triage',
  'transferred',
  'transferred-to-triage',
  'reorganized',
  'directive-new-lead-unit',
] as const;

/** The words of a search, at most eight: each must appear in the item. */
export function searchWords(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The read-model row with its units, as the API returns it. */
export interface RecommendationView {
  id: string;
  workflowId: string;
  status: RecommendationStatus;
  submittedBy: string;
  cadreInCharge: string;
  leadUnitId: string | null;
  disputeCount: number;
  outcome: Outcome | null;
  supervisingUnitId: string | null;
  extensionRequestedBy: string | null;
  feedbackDueAt: Date | null;
  verificationDueAt: Date | null;
  infoDueAt: Date | null;
  reopenUntil: Date | null;
  closedByDirective: boolean;
  duplicateOfId: string | null;
  reopenedCount: number;
  [column: string]: unknown;
}

/** All SQL of the recommendations feature. */
@Injectable()
export class RecommendationsRepository {
  /**
   * The lifecycle's units, once read. A unit's code is unique and its row is never deleted (units end,
   * with a date), so the id a code names never changes while the API runs.
   */
  private lifecycleUnits?: Promise<{ triageUnitId: string; standingCommitteeUnitId: string }>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Work that waits on the read model, called off with the database's error if PostgreSQL goes away. */
  whileDatabaseAnswers<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return whileDatabaseAnswers(this.dataSource, work);
  }

  /** The item's status in the read model, whoever may see it; null when it holds no such item. */
  async statusOf(id: string): Promise<RecommendationStatus | null> {
    const [row]: { status: RecommendationStatus }[] = await this.dataSource.query(
      `SELECT status FROM recommendations WHERE id = $1`,
      [id],
    );
    return row?.status ?? null;
  }

  /**
   * A new item's routing and the deadlines it starts, as the workflow's own lookup would compute them: the
   * API hands them to the workflow in its input (RecommendationWorkflowInput.routing).
   */
  routeSubmission(scale: TimeScale, request: SubmissionRoutingRequest): Promise<SubmissionRouting> {
    return routeSubmission(this.dataSource, scale, request);
  }

  /** The units the lifecycle names by role, read once; their absence is a deployment error. */
  lifecycleUnitIds(): Promise<{ triageUnitId: string; standingCommitteeUnitId: string }> {
    this.lifecycleUnits ??= this.readLifecycleUnitIds().catch((err: unknown) => {
      // A failed read (the database away, the reference data not yet seeded) is tried again next time.
      this.lifecycleUnits = undefined;
      throw err;
    });
    return this.lifecycleUnits;
  }

  private async readLifecycleUnitIds(): Promise<{ triageUnitId: string; standingCommitteeUnitId: string }> {
    const rows: { code: string; id: string }[] = await this.dataSource.query(
      `SELECT code, id FROM units WHERE code = ANY($1)`,
      [[WELL_KNOWN_UNITS.triageOffice, WELL_KNOWN_UNITS.standingCommittee]],
    );
    const id = (code: string) => {
      const row = rows.find((r) => r.code === code);
      if (!row) throw new Error(`reference data lacks the unit "${code}"`);
      return row.id;
    };
    return {
      triageUnitId: id(WELL_KNOWN_UNITS.triageOffice),
      standingCommitteeUnitId: id(WELL_KNOWN_UNITS.standingCommittee),
    };
  }

  /**
   * What a new submission names, in one statement: whether its category exists, and its units (locality,
   * suggested) with their dates and successors, by id.
   */
  async submissionReferences(
    categoryCode: string,
    unitIds: (string | null | undefined)[],
  ): Promise<{ categoryKnown: boolean; units: Map<string, DatedUnitRow> }> {
    const [row]: { categoryKnown: boolean; units: DatedUnitRow[] }[] = await this.dataSource.query(
      prepared(`SELECT EXISTS (SELECT 1 FROM categories WHERE code = $1) AS "categoryKnown",
              COALESCE((SELECT json_agg(x) FROM (SELECT ${DATED_UNIT_COLUMNS}
                                                   FROM units u WHERE u.id = ANY($2::uuid[])) x), '[]') AS units`),
      [categoryCode, namedIds(unitIds)],
    );
    return { categoryKnown: row.categoryKnown, units: new Map(row.units.map((u) => [u.id, u])) };
  }

  /** A unit with its dates and successors, or null when there is none. */
  async findUnit(id: string): Promise<DatedUnitRow | null> {
    return (await datedUnits(this.dataSource, [id])).get(id) ?? null;
  }

  async listTasks(recommendationId: string): Promise<TaskView[]> {
    return this.dataSource.query(
      prepared(`SELECT t.id, t.unit_id AS "unitId", u.code AS "unitCode", u.name_vi AS "unitNameVi", t.role, t.status,
              t.opened_at AS "openedAt", t.closed_at AS "closedAt", t.due_at AS "dueAt", t.overdue,
              t.outcome_note AS "note"
         FROM tasks t JOIN units u ON u.id = t.unit_id
        WHERE t.recommendation_id = $1 ORDER BY t.opened_seq, t.id`),
      [recommendationId],
    );
  }

  /** The item, if the actor may see it. */
  async findById(id: string, actor: VisibilityActor): Promise<RecommendationView | null> {
    const params: unknown[] = [id];
    const visible = visibleItems(actor, params);
    const [row] = await this.dataSource.query(
      // One text per visibility rule: a few in all.
      prepared(`SELECT ${DETAIL_COLUMNS},
              to_jsonb(lead) AS "leadUnit",
              COALESCE((SELECT jsonb_agg(to_jsonb(c) ORDER BY c."nameVi") FROM (
                SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                  FROM units u WHERE u.id = ANY(r.coordinating_unit_ids)) c), '[]') AS "coordinatingUnits"
         FROM recommendations r
         LEFT JOIN LATERAL (SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                              FROM units u WHERE u.id = r.lead_unit_id) lead ON true
        WHERE r.id = $1 ${visible ? `AND ${visible}` : ''}`),
      params,
    );
    return row ?? null;
  }

  /**
   * One page of the items the actor may see, in the order asked, keyset-paginated on (sort key, id) so
   * pages stay stable while items arrive and change.
   */
  async list(filter: ListFilter, page: ListPage, actor: VisibilityActor): Promise<ListPageResult> {
    const where: string[] = [];
    const params: unknown[] = [];
    const visible = visibleItems(actor, params);
    if (visible) where.push(visible);
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const add = (clause: (p: string) => string, value: unknown) => where.push(clause(param(value)));
    if (filter.status) add((p) => `r.status = ${p}`, filter.status);
    if (filter.category) add((p) => `r.category_code = ${p}`, filter.category);
    if (filter.communeId) add((p) => `r.locality_unit_id = ${p}`, filter.communeId);
    if (filter.districtId) {
      add(
        (p) => `r.locality_unit_id IN (SELECT id FROM units WHERE id = ${p} OR parent_id = ${p})`,
        filter.districtId,
      );
    }
    if (filter.unitId)
      add((p) => `(r.lead_unit_id = ${p} OR ${p} = ANY(r.coordinating_unit_ids))`, filter.unitId);
    if (filter.overdue !== undefined) add((p) => `r.overdue = ${p}`, filter.overdue);
    if (filter.escalationLevel !== undefined) add((p) => `r.escalation_level = ${p}`, filter.escalationLevel);
    // Held at some time: the tasks keep every unit that led, routed or took a directive, closed or not.
    if (filter.handledByUnitId) {
      add(
        (p) => `EXISTS (SELECT 1 FROM tasks h WHERE h.recommendation_id = r.id AND h.unit_id = ${p}
                          AND h.role IN ('lead', 'triage', 'directive'))`,
        filter.handledByUnitId,
      );
    }
    // Days of submission in Việt Nam time, both included.
    if (filter.from) add((p) => `r.created_at >= (${p}::date::timestamp AT TIME ZONE '${VN}')`, filter.from);
    if (filter.to) add((p) => `r.created_at < ((${p}::date + 1)::timestamp AT TIME ZONE '${VN}')`, filter.to);
    // Every word must appear, diacritics and case aside: "duong 26 hoa loi" finds "Đường 26 … Hòa Lợi".
    // The folded text carries a trigram index, which serves LIKE with a pattern. A word shaped like a
    // reference number also finds the item it names.
    for (const word of searchWords(filter.text)) {
      const text = `r.search_text LIKE ngk_fold(${param(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)})`;
      const reference = referenceOf(word);
      if (!reference) where.push(text);
      else if (reference.full) where.push(`(${text} OR r.reference = ${param(reference.full)})`);
      else where.push(`(${text} OR r.reference_seq = ${param(reference.seq)})`);
    }
    if (filter.cadre)
      add(
        (p) => `(r.submitted_by = ${p} OR r.cadre_in_charge = ${p}
                 OR EXISTS (SELECT 1 FROM recommendation_followers mf
                             WHERE mf.recommendation_id = r.id AND mf.user_id = ${p}))`,
        filter.cadre,
      );
    const follower = param(actor.userId);
    const key = SORT_KEYS[page.sort];
    const direction = page.order === 'asc' ? 'ASC' : 'DESC';
    if (page.after) {
      const k = param(page.after.key);
      const id = param(page.after.id);
      where.push(`(${key}, r.id) ${page.order === 'asc' ? '>' : '<'} (${k}::timestamptz, ${id}::uuid)`);
    }
    const limit = param(page.limit + 1);
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS},
              cat.name_vi AS "categoryNameVi", cat.name_en AS "categoryNameEn",
              loc.name_vi AS "localityNameVi", loc.name_en AS "localityNameEn",
              lead.name_vi AS "leadUnitNameVi", lead.name_en AS "leadUnitNameEn",
              EXISTS (SELECT 1 FROM recommendation_followers lf
                       WHERE lf.recommendation_id = r.id AND lf.user_id = ${follower}) AS "followed",
              ${SORT_KEY_TEXT(key)} AS "sortKey"
         FROM recommendations r
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units lead ON lead.id = r.lead_unit_id
         LEFT JOIN categories cat ON cat.code = r.category_code
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${key} ${direction}, r.id ${direction}
        LIMIT ${limit}`,
      params,
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ sortKey: _, ...item }) => item),
      next: rows.length > page.limit && last ? { key: last.sortKey, id: last.id } : null,
    };
  }

  /** The open tasks of the items listed, to tell which wait for the caller. */
  async openTasksOf(
    recommendationIds: string[],
  ): Promise<
    { recommendationId: string; unitId: string; role: TaskRole; status: TaskStatus; dueAt: Date | null }[]
  > {
    if (recommendationIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT recommendation_id AS "recommendationId", unit_id AS "unitId", role, status, due_at AS "dueAt"
         FROM tasks WHERE recommendation_id = ANY($1::uuid[]) AND status = 'open'`,
      [recommendationIds],
    );
  }

  /**
   * The item's events, each with who acted by name and unit, and, for an event that gave the item to a
   * unit (routing, a transfer, a directive naming a new lead), that unit: the one its lead or triage
   * task was opened for. One page in the order asked, after the cursor's event, one more than the limit
   * so the caller knows whether another page follows.
   */
  async listEvents(
    recommendationId: string,
    page: { order: TimelineOrder; afterSeq: number | null; limit: number },
  ): Promise<Record<string, unknown>[]> {
    const newest = page.order === 'newest';
    return this.dataSource.query(
      `SELECT e.seq, e.type, e.actor_user_id AS "actorUserId", u.username AS "actorUsername",
              u.display_name AS "actorDisplayName", e.actor_role AS "actorRole", e.actor_unit_id AS "actorUnitId",
              CASE WHEN au.id IS NULL THEN NULL
                   ELSE jsonb_build_object('id', au.id, 'nameVi', au.name_vi, 'nameEn', au.name_en) END AS "actorUnit",
              CASE WHEN tu.id IS NULL THEN NULL
                   ELSE jsonb_build_object('id', tu.id, 'nameVi', tu.name_vi, 'nameEn', tu.name_en) END AS "toUnit",
              e.occurred_at AS "occurredAt", e.request_id AS "requestId", e.reason,
              e.status_before AS "statusBefore", e.status_after AS "statusAfter", e.payload,
              e.recorded_at AS "recordedAt"
         FROM recommendation_events e
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN units au ON au.id = COALESCE(e.actor_unit_id, u.unit_id)
         LEFT JOIN LATERAL (
           SELECT t.unit_id FROM tasks t
            WHERE t.recommendation_id = e.recommendation_id AND t.opened_seq = e.seq
              AND t.role IN ('lead', 'triage') AND e.type = ANY($2)
            LIMIT 1) given ON true
         LEFT JOIN units tu ON tu.id = given.unit_id
        WHERE e.recommendation_id = $1
          AND ($3::int IS NULL OR ${newest ? 'e.seq < $3' : 'e.seq > $3'})
        ORDER BY e.seq ${newest ? 'DESC' : 'ASC'}
        LIMIT $4`,
      [recommendationId, [...HANDOVER_EVENTS], page.afterSeq, page.limit + 1],
    );
  }
}
