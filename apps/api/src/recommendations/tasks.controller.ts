import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { RecommendationsRepository } from './recommendations.repository';

@ApiTags('recommendations')
@ActingUser()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly repository: RecommendationsRepository) {}

  @Get()
  @ApiOperation({ summary: "The caller's unit's inbox: open tasks, soonest deadline first" })
  inbox(@CurrentActor() actor: Actor) {
    return actor.unitId ? this.repository.openTasks(actor.unitId) : [];
  }
}
