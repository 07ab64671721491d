import { Injectable } from '@nestjs/common';
import { CountdownsService } from '../calendar/countdowns.service';
import type { Actor } from '../common/actor';
import { TasksRepository } from './tasks.repository';

@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly countdowns: CountdownsService,
  ) {}

  /** The caller's unit's open tasks, each with working days left; someone of no unit has none. */
  async inbox(actor: Actor) {
    if (!actor.unitId) return [];
    return this.countdowns.annotate(await this.repository.openTasks(actor.unitId, actor), ['dueAt']);
  }
}
