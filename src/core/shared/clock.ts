/** Where domain rules read the time. Tests inject a clock they control; nothing else calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
