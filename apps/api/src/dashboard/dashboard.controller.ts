import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { DashboardQuery } from './dashboard.query';
import { DashboardService, type DashboardView } from './dashboard.service';

@ApiTags('tracking')
@ActingUser()
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary:
      'Counts, on-time rate and durations of the items submitted in a period, by unit, district, commune and category',
    description:
      'Counts describe the items submitted in the period as they stand now. Median and p90 durations are ' +
      'estimated from hour histograms (buckets 30 % wide). Unit staff see their own unit only.',
  })
  @ApiResponse({ status: 400, description: 'A malformed date or id, or `to` before `from`' })
  @ApiResponse({ status: 403, description: 'A cadre, or unit staff asking for another unit' })
  get(@CurrentActor() actor: Actor, @Query() query: DashboardQuery): Promise<DashboardView> {
    return this.dashboard.dashboard(actor, query);
  }
}
