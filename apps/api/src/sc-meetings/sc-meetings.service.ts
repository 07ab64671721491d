import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import type { Environment } from '@ngk/config';
import {
  agendaFrozenSignal,
  rulingRecordedSignal,
  SC_MEETING_WORKFLOW_TYPE,
  scMeetingWorkflowId,
  type ScMeetingWorkflowInput,
} from '@ngk/definitions';
import {
  deadlineDateRefusal,
  ITEM_RULING_KINDS,
  rulingContentRefusal,
  WELL_KNOWN_UNITS,
  type ItemRuling,
} from '@ngk/domain';
import { staffOf, type Actor } from '../common/actor';
import { conflict, forbidden, notFound } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import { ClockService } from '../calendar/clock.service';
import { CountdownsService } from '../calendar/countdowns.service';
import type {
  AddAgendaLineDto,
  CreateScMeetingDto,
  RecordRulingDto,
  ReorderAgendaDto,
  UpdateAgendaLineDto,
} from './sc-meetings.dto';
import { AGENDA_MAX_LINES } from './sc-meetings.dto';
import {
  ScMeetingsRepository,
  type AgendaTransaction,
  type Candidate,
  type MeetingRow,
} from './sc-meetings.repository';

/**
 * The Standing Committee's meetings: an agenda proposed from the four sources, edited by the
 * secretariat until frozen, then ruled on line by line. The meeting's run (scMeetingWorkflow) sends each
 * ruling on an item to the item's workflow; this service only records and signals.
 */
@Injectable()
export class ScMeetingsService {
  constructor(
    private readonly repository: ScMeetingsRepository,
    private readonly temporal: Client,
    private readonly config: ConfigService<Environment, true>,
    private readonly countdowns: CountdownsService,
    private readonly clock: ClockService,
  ) {}

  /** Only the Standing Committee and the Party Office's staff keep the meetings (the route admits more roles). */
  assertSecretariat(actor: Actor): void {
    if (actor.role === 'standing-committee' || staffOf(actor, WELL_KNOWN_UNITS.secretariat)) return;
    throw forbidden(
      'sc-meeting.secretariat-only',
      "only the Standing Committee and the Party Office's staff keep the Standing Committee's meetings",
    );
  }

  async list(actor: Actor) {
    this.assertSecretariat(actor);
    return this.repository.list();
  }

  /** A new meeting, its agenda filled with the proposal as it stands; its run starts with it. */
  async create(actor: Actor, dto: CreateScMeetingDto) {
    this.assertSecretariat(actor);
    const proposal = (await this.proposal(null)).slice(0, AGENDA_MAX_LINES);
    const id = await this.repository.transaction(async (tx) => {
      const id = await this.repository.insertMeeting(tx, dto.date, dto.title, actor.userId);
      await this.repository.appendLines(tx, id, proposal);
      return id;
    });
    // The meeting's run starts when its agenda is frozen: a draft needs nothing of Temporal.
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string) {
    this.assertSecretariat(actor);
    const meeting = await this.found(id);
    return { ...meeting, lines: await this.repository.agenda(id) };
  }

  /** What the sources propose now that is not on this agenda yet. */
  async proposalFor(actor: Actor, id: string) {
    this.assertSecretariat(actor);
    await this.found(id);
    return { candidates: await this.proposal(id) };
  }

  async addLine(actor: Actor, id: string, dto: AddAgendaLineDto) {
    this.assertSecretariat(actor);
    if (dto.recommendationId && dto.reportIssueId)
      throw unprocessable('reportIssueId', 'sc-meeting.one-subject', 'name an item or an issue, not both');
    if (dto.recommendationId && !(await this.repository.itemStatus(dto.recommendationId)))
      throw notFound('recommendation.not-found', `recommendation ${dto.recommendationId} not found`);
    if (dto.reportIssueId && !(await this.repository.flaggedIssue(dto.reportIssueId)))
      throw notFound('sc-meeting.issue-not-found', 'no emerging issue flagged for the agenda has this id');
    // A line the sources propose keeps its source; any other is the secretariat's own addition.
    const proposed = (await this.proposal(id)).find((c) =>
      dto.recommendationId
        ? c.recommendationId === dto.recommendationId
        : c.reportIssueId === dto.reportIssueId,
    );
    await this.editDraft(id, async (tx) => {
      const present = await this.repository.agenda(id);
      if (
        present.some((l) =>
          dto.recommendationId
            ? l.recommendationId === dto.recommendationId
            : l.reportIssueId === dto.reportIssueId,
        )
      )
        throw conflict('sc-meeting.line-exists', 'this item or issue is on the agenda already');
      if (present.length >= AGENDA_MAX_LINES)
        throw unprocessable(
          'recommendationId',
          'sc-meeting.agenda-full',
          `an agenda has at most ${AGENDA_MAX_LINES} lines`,
        );
      await this.repository.appendLines(tx, id, [
        {
          source: proposed?.source ?? 'added',
          recommendationId: dto.recommendationId ?? null,
          reportIssueId: dto.reportIssueId ?? null,
          // A request for a ruling brings its reason, unless the secretariat wrote a note of its own.
          note: dto.note ?? proposed?.note ?? null,
        },
      ]);
    });
    return this.get(actor, id);
  }

  async updateLine(actor: Actor, id: string, lineId: string, dto: UpdateAgendaLineDto) {
    this.assertSecretariat(actor);
    await this.editDraft(id, async (tx) => {
      if (!(await this.repository.line(tx, id, lineId))) throw lineNotFound(lineId);
      await this.repository.setNote(tx, lineId, dto.note ? dto.note : null);
    });
    return this.get(actor, id);
  }

  async removeLine(actor: Actor, id: string, lineId: string) {
    this.assertSecretariat(actor);
    await this.editDraft(id, async (tx) => {
      if (!(await this.repository.line(tx, id, lineId))) throw lineNotFound(lineId);
      await this.repository.deleteLine(tx, id, lineId);
    });
    return this.get(actor, id);
  }

  async reorder(actor: Actor, id: string, dto: ReorderAgendaDto) {
    this.assertSecretariat(actor);
    await this.editDraft(id, async (tx) => {
      const present = await this.repository.lineIds(tx, id);
      const same =
        present.length === dto.lineIds.length &&
        [...present].sort().join() === [...dto.lineIds].sort().join();
      if (!same)
        throw unprocessable(
          'lineIds',
          'sc-meeting.order-mismatch',
          'lineIds must name every line of the agenda once',
        );
      await this.repository.reorder(tx, id, dto.lineIds);
    });
    return this.get(actor, id);
  }

  /** Freezes the agenda: no more edits, rulings may be recorded. */
  async freeze(actor: Actor, id: string) {
    this.assertSecretariat(actor);
    // Freezing again wakes the run again: a retry after an answer lost on the way (Temporal not
    // answering once the freeze was saved) leaves no meeting frozen and never run.
    const meeting = await this.found(id);
    if (meeting.status === 'frozen') {
      await this.signal(id, 'frozen');
      return this.get(actor, id);
    }
    await this.editDraft(id, async (tx) => {
      if ((await this.repository.lineIds(tx, id)).length === 0)
        throw unprocessable('lines', 'sc-meeting.agenda-empty', 'an empty agenda cannot be frozen');
      await this.repository.freeze(tx, id, actor.userId);
    });
    await this.signal(id, 'frozen');
    return this.get(actor, id);
  }

  /** Records the ruling on one line of a frozen agenda, on or after the meeting's day; the run applies it. */
  async rule(actor: Actor, id: string, lineId: string, dto: RecordRulingDto) {
    this.assertSecretariat(actor);
    await this.repository.transaction(async (tx) => {
      const meeting = await this.repository.meeting(id, tx);
      if (!meeting) throw meetingNotFound(id);
      if (meeting.status === 'draft')
        throw conflict('sc-meeting.not-frozen', 'freeze the agenda before recording rulings');
      if (this.clock.today() < meeting.date)
        throw conflict('sc-meeting.not-yet-held', 'rulings are recorded during or after the meeting');
      const line = await this.repository.line(tx, id, lineId);
      if (!line) throw lineNotFound(lineId);
      if (line.ruled) throw conflict('sc-meeting.already-ruled', 'this line has its ruling already');
      await this.checkRuling(line.recommendationId !== null, dto);
      await this.repository.recordRuling(tx, lineId, {
        kind: dto.kind,
        text: dto.text,
        dueDate: dto.dueDate ?? null,
        workingDays: dto.workingDays ?? null,
        leadUnitId: dto.leadUnitId ?? null,
        ruledBy: actor.userId,
      });
    });
    await this.signal(id, 'ruled');
    return this.get(actor, id);
  }

  /** The minutes: every ruling, and the directive event it wrote on its item. */
  async minutes(actor: Actor, id: string) {
    const meeting = await this.get(actor, id);
    return { ...meeting, rulings: meeting.lines.filter((l) => l.ruledAt !== null) };
  }

  /** A ruling fits its line: a directive's kind and fields for an item, a text for an issue. */
  private async checkRuling(onItem: boolean, dto: RecordRulingDto): Promise<void> {
    const itemKind = (ITEM_RULING_KINDS as readonly string[]).includes(dto.kind);
    if (onItem !== itemKind)
      throw unprocessable(
        'kind',
        'sc-meeting.ruling-kind',
        onItem
          ? 'a ruling on an item is a new deadline, a new lead unit or a closure'
          : 'a ruling on an issue is a text',
      );
    if (!onItem) return;
    const ruling: ItemRuling = {
      kind: dto.kind as ItemRuling['kind'],
      text: dto.text,
      ...(dto.dueDate ? { dueDate: dto.dueDate } : {}),
      ...(dto.workingDays !== undefined ? { workingDays: dto.workingDays } : {}),
      ...(dto.leadUnitId ? { leadUnitId: dto.leadUnitId } : {}),
    };
    const refusal = rulingContentRefusal(ruling) ?? deadlineDateRefusal(dto.dueDate, this.clock.today());
    if (refusal) throw unprocessable(refusal.field ?? 'kind', refusal.rule, refusal.reason);
    if (dto.leadUnitId && !(await this.repository.unitExists(dto.leadUnitId)))
      throw unprocessable('leadUnitId', 'reference.unknown-unit', 'no such unit');
  }

  /** One edit of a draft agenda, in one transaction with the meeting locked; a frozen one is 409. */
  private async editDraft(id: string, edit: (tx: AgendaTransaction) => Promise<void>) {
    await this.repository.transaction(async (tx) => {
      const meeting = await this.repository.meeting(id, tx);
      if (!meeting) throw meetingNotFound(id);
      if (meeting.status !== 'draft')
        throw conflict('sc-meeting.frozen', 'the agenda is frozen: it can no longer be edited');
      await edit(tx);
    });
  }

  /**
   * The proposal: one line per item (the first source that names it) or issue, an item overdue at level
   * 1 only once it has been so for more than AGENDA_OVERDUE_WORKING_DAYS working days.
   */
  private async proposal(meetingId: string | null): Promise<Candidate[]> {
    const all = await this.repository.candidates(meetingId);
    const overdueDays = this.config.get('AGENDA_OVERDUE_WORKING_DAYS', { infer: true });
    // The countdown to an instant gone by is minus the working days since.
    const since = await this.countdowns.of(all.map((c) => c.since));
    const seen = new Set<string>();
    return all.filter((c, i) => {
      if (c.source === 'overdue-level-1' && !(since[i] !== null && -since[i]! > overdueDays)) return false;
      const key = c.recommendationId ?? c.reportIssueId!;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private async found(id: string): Promise<MeetingRow> {
    const meeting = await this.repository.meeting(id);
    if (!meeting) throw meetingNotFound(id);
    return meeting;
  }

  /** Wakes the meeting's run, starting it if it never started (the database says what to do). */
  private async signal(id: string, what: 'frozen' | 'ruled'): Promise<void> {
    const input: ScMeetingWorkflowInput = { meetingId: id };
    await this.temporal.workflow.signalWithStart(SC_MEETING_WORKFLOW_TYPE, {
      workflowId: scMeetingWorkflowId(id),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      args: [input],
      signal: what === 'frozen' ? agendaFrozenSignal : rulingRecordedSignal,
      signalArgs: [],
    });
  }
}

function meetingNotFound(id: string) {
  return notFound('sc-meeting.not-found', `meeting ${id} not found`);
}

function lineNotFound(id: string) {
  return notFound('sc-meeting.line-not-found', `agenda line ${id} not found`);
}
