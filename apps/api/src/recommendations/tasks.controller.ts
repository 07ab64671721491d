import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CountdownsService } from '../calendar/countdowns.service';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { RecommendationsRepository } from './recommendations.repository';

@ApiTags('recommendations')
@ActingUser()
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly repository: RecommendationsRepository,
    private readonly countdowns: CountdownsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The caller's unit's inbox: open tasks, soonest deadline first, each with working days left",
  })
  async inbox(@CurrentActor() actor: Actor) {
    if (!actor.unitId) return [];
    return this.countdowns.annotate(await this.repository.openTasks(actor.unitId), ['dueAt']);
  }
}
