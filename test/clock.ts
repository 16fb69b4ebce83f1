import type { Clock } from '../src/core/shared/clock.js';

/** A clock the test sets and moves; no test sleeps to make time pass. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start: string | Date = '2026-06-01T08:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
