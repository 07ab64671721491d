import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { localDate, TimeScale } from '@ngk/domain';

/**
 * The clock the workflows run on: the real one, or a demo's shortened one (NGK_DAY_SECONDS). Whatever
 * the API judges by the day (a unit in force, a move's date, a countdown) reads this clock, so the
 * screens and the deadlines agree on what today is.
 */
@Injectable()
export class ClockService {
  readonly scale: TimeScale;

  constructor(config: ConfigService<Environment, true>) {
    this.scale = TimeScale.fromSettings({
      daySeconds: config.get('NGK_DAY_SECONDS', { infer: true }),
      epoch: config.get('NGK_CLOCK_EPOCH', { infer: true }),
      start: config.get('NGK_CLOCK_START', { infer: true }),
    });
  }

  /** Now on the clock, in milliseconds. */
  now(): number {
    return this.scale.toVirtual(Date.now());
  }

  /** Today in Việt Nam on the clock, YYYY-MM-DD. */
  today(): string {
    return localDate(this.now());
  }
}
