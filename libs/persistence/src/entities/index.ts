import { CalendarOverrideEntity } from './calendar-override.entity';
import { CategoryEntity } from './category.entity';
import { RecommendationEventEntity } from './recommendation-event.entity';
import { RecommendationEntity } from './recommendation.entity';
import { RoutingRuleEntity } from './routing-rule.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { TaskEntity } from './task.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export * from './calendar-override.entity';
export * from './category.entity';
export * from './recommendation-event.entity';
export * from './recommendation.entity';
export * from './routing-rule.entity';
export * from './sla-policy.entity';
export * from './task.entity';
export * from './unit.entity';
export * from './user.entity';

export const ENTITIES = [
  UnitEntity,
  CategoryEntity,
  SlaPolicyEntity,
  RoutingRuleEntity,
  UserEntity,
  RecommendationEntity,
  RecommendationEventEntity,
  TaskEntity,
  CalendarOverrideEntity,
];
