import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CadreReportsModule } from '../cadre-reports/cadre-reports.module';
import { ActionKeyRetention } from './action-key-retention.service';
import { UserRateRepository } from '../common/user-rate.repository';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesRepository } from './duplicates.repository';
import { DuplicatesService } from './duplicates.service';
import { RecommendationActionsController } from './recommendation-actions.controller';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsExportController } from './recommendations-export.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';
import { SimilarItemsController } from './similar-items.controller';
import { SimilarItemsRepository } from './similar-items.repository';
import { SimilarItemsService } from './similar-items.service';
import { IdempotencyRepository } from './idempotency.repository';
import { UserRates } from './user-rates.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [CalendarModule, CadreReportsModule],
  controllers: [
    RecommendationsExportController,
    SimilarItemsController,
    RecommendationsController,
    RecommendationActionsController,
    DuplicatesController,
    TasksController,
  ],
  providers: [
    RecommendationsService,
    RecommendationsRepository,
    TasksService,
    TasksRepository,
    UserRateRepository,
    UserRates,
    IdempotencyRepository,
    ActionKeyRetention,
    DuplicatesService,
    DuplicatesRepository,
    SimilarItemsService,
    SimilarItemsRepository,
  ],
})
export class RecommendationsModule {}
