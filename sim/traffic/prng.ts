// Seeded PRNG (mulberry32) and the distributions the traffic model draws from; same seed, same run.
// A class, not an object of closures: every client owns one, and under tsx (esbuild keepNames) each
// named closure also carries a ~256-byte property dictionary, which cost ~170 MB in a 100k-client fleet.

export class Rng {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Pareto with shape alpha and minimum xm: heavy-tailed lifetimes and sizes. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  fork(salt: number): Rng {
    return new Rng(Math.imul(this.seed ^ 0x85ebca6b, 31) + Math.imul(salt, 0x27d4eb2d));
  }
}

export function createRng(seed: number): Rng {
  return new Rng(seed);
}
