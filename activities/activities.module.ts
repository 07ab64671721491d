import { Module } from '@nestjs/common';
import { RecommendationActivities } from './recommendation.activities';

/** Activities are Nest providers; the worker binds their methods into the plain object Temporal runs. */
@Module({
  providers: [RecommendationActivities],
  exports: [RecommendationActivities],
})
export class ActivitiesModule {}

/** Binds every public method of the activity services, so DI stays in Nest and Temporal sees functions. */
export function bindActivities(
  ...services: object[]
): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const service of services) {
    const proto = Object.getPrototypeOf(service);
    for (const name of Object.getOwnPropertyNames(proto)) {
      const member = proto[name];
      if (name === 'constructor' || typeof member !== 'function' || name.startsWith('_')) continue;
      if (bound[name]) throw new Error(`activity "${name}" is defined twice`);
      bound[name] = member.bind(service);
    }
  }
  return bound;
}
