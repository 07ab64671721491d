import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClockService } from '../calendar/clock.service';
import { ListUnitsQuery } from './list-units.query';
import { ReferenceDataRepository } from './reference-data.repository';

@ApiTags('reference data')
@Controller('api')
export class ReferenceDataController {
  constructor(
    private readonly repository: ReferenceDataRepository,
    private readonly clock: ClockService,
  ) {}

  @Get('units')
  @ApiOperation({
    summary: 'Units (bodies and localities), ended ones included',
    description:
      'Each with its validity dates (validTo is its last day), its successors, and its parents over time.',
  })
  units(@Query() query: ListUnitsQuery) {
    return this.repository.units(query.kind);
  }

  @Get('reference-data/edition')
  @ApiOperation({
    summary: 'Which province and date the reference data describes',
    description:
      'The province in force today, the day the units in force took their shape (`since`: the latest day ' +
      'a unit began or ended), and `demo`: whether some unit in force has an illustrative name.',
  })
  edition() {
    return this.repository.edition(this.clock.today());
  }

  @Get('categories')
  @ApiOperation({ summary: 'Recommendation categories' })
  categories() {
    return this.repository.categories();
  }

  @Get('routing-rules')
  @ApiOperation({ summary: 'Routing rules: category × locality → lead and coordinating units' })
  routingRules() {
    return this.repository.routingRules();
  }
}
