import { Module } from '@nestjs/common';
import { RecommendationActionsController } from './recommendation-actions.controller';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';

@Module({
  controllers: [RecommendationsController, RecommendationActionsController],
  providers: [RecommendationsService, RecommendationsRepository],
})
export class RecommendationsModule {}
