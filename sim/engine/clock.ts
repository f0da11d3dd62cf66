import { EventHeap } from "./event-heap";

export type Timer = { cancel(): void };

/** Simulation time in milliseconds. Tests call `advance(ms)`; the real-time driver calls it from a wall timer. */
export class SimClock {
  private heap = new EventHeap();
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  get pending(): number {
    return this.heap.size;
  }

  /** Runs `run` when simulated time reaches `at` (never in the past). */
  at(at: number, run: () => void): Timer {
    return this.heap.push(Math.max(at, this.current), run);
  }

  after(delayMs: number, run: () => void): Timer {
    return this.at(this.current + delayMs, run);
  }

  /** Runs every due event in time order, then leaves the clock at now + ms. */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const next = this.heap.peek();
      if (next === undefined || next.at > target) break;
      this.heap.pop();
      if (next.cancelled) continue;
      this.current = next.at;
      next.run();
    }
    this.current = target;
  }
}
