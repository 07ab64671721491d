import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { TasksService } from './tasks.service';

@ApiTags('recommendations')
@ActingUser()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's unit's inbox: open tasks, soonest deadline first, each with working days left",
  })
  inbox(@CurrentActor() actor: Actor) {
    return this.tasks.inbox(actor);
  }
}
