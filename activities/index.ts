export * from './activities.module';
export * from './recommendation.activities';
