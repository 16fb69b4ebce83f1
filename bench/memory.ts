import { readFileSync } from 'node:fs';

/** A process's resident memory in MB (VmRSS); NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples the processes' RSS every 100 ms and keeps each one's peak. */
export class PeakRss {
  private readonly peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(pids: number[]) {
    for (const pid of pids) this.peaks.set(pid, rssMb(pid));
    this.timer = setInterval(() => {
      for (const pid of pids) this.peaks.set(pid, Math.max(this.peaks.get(pid)!, rssMb(pid) || 0));
    }, 100);
    this.timer.unref();
  }

  /** Stops sampling; the highest peak of any one process. */
  stop(): number {
    clearInterval(this.timer);
    return Math.max(...this.peaks.values());
  }
}
