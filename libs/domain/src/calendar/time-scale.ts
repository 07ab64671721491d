/**
 * A uniformly faster clock, for tests and demos only: from `realEpoch` on, time runs `factor` times faster
 * and reads `virtualEpoch` at the start. Deadlines are computed on the virtual clock with the real
 * calendar (weekends and Tết included) and waited for in real time. Production uses `TimeScale.REAL`.
 */
export class TimeScale {
  static readonly REAL = new TimeScale(1, 0, 0);

  constructor(
    readonly factor: number,
    readonly realEpoch: number,
    readonly virtualEpoch: number,
  ) {
    if (!(factor > 0) || !Number.isFinite(factor))
      throw new RangeError(`time factor must be > 0, got ${factor}`);
  }

  /** A clock on which one calendar day lasts `daySeconds` real seconds. */
  static dayLasts(daySeconds: number, realEpoch: number, virtualEpoch = realEpoch): TimeScale {
    return new TimeScale(86_400 / daySeconds, realEpoch, virtualEpoch);
  }

  /**
   * The clock the settings describe (NGK_DAY_SECONDS, NGK_CLOCK_EPOCH, NGK_CLOCK_START): the real one
   * unless a day length is given; the shortened one starts at `epoch`, or `now`, reading `start`.
   */
  static fromSettings(
    settings: { daySeconds?: number; epoch?: string; start?: string },
    now: number = Date.now(),
  ): TimeScale {
    if (settings.daySeconds === undefined) return TimeScale.REAL;
    const realEpoch = settings.epoch ? Date.parse(settings.epoch) : now;
    return TimeScale.dayLasts(
      settings.daySeconds,
      realEpoch,
      settings.start ? Date.parse(settings.start) : realEpoch,
    );
  }

  get scaled(): boolean {
    return this.factor !== 1 || this.realEpoch !== this.virtualEpoch;
  }

  toVirtual(real: number): number {
    return Math.round(this.virtualEpoch + (real - this.realEpoch) * this.factor);
  }

  toReal(virtual: number): number {
    return Math.round(this.realEpoch + (virtual - this.virtualEpoch) / this.factor);
  }
}
