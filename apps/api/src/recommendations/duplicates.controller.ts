import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { DuplicatesService } from './duplicates.service';

@ApiTags('recommendations')
@ActingUser()
@Controller('api/recommendations/:id/duplicates')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Get()
  @ApiOperation({
    summary: 'The item it duplicates, and the duplicates merged into it, among the items the caller sees',
  })
  @ApiResponse({ status: 404, description: 'No such recommendation, or not one the caller sees' })
  around(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.duplicates.around(actor, id);
  }
}
