import { Inject, Injectable } from '@nestjs/common';
import { quarterContaining, TimeScale, type Quarter } from '@ngk/domain';
import { MeetingCalendarRepository } from './meeting-calendar.repository';
import { loadClock, SLA_TIME_SCALE } from './sla.activities';
import { SlaRepository } from './sla.repository';

/** The commune meetings the policy sets each quarter, put on the calendar by the quarter's Schedule. */
@Injectable()
export class MeetingCalendarActivities {
  constructor(
    private readonly repository: MeetingCalendarRepository,
    private readonly sla: SlaRepository,
    @Inject(SLA_TIME_SCALE) private readonly scale: TimeScale,
  ) {}

  /** The quarter given, or the one under way on the project's clock; a second run adds nothing. */
  async generateQuarterMeetings(
    input: Partial<Quarter>,
  ): Promise<Quarter & { created: number; existing: number }> {
    const today = (await loadClock(this.sla, this.scale)).today(Date.now());
    const quarter: Quarter =
      input.year && input.quarter ? { year: input.year, quarter: input.quarter } : quarterContaining(today);
    return { ...quarter, ...(await this.repository.generate(quarter)) };
  }
}
