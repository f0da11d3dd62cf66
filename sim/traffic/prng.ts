// Seeded PRNG (mulberry32) and the distributions the traffic model draws from; same seed, same run.
export type Rng = {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  exponential(mean: number): number;
  /** Pareto with shape alpha and minimum xm: heavy-tailed lifetimes and sizes. */
  pareto(xm: number, alpha: number): number;
  pick<T>(items: readonly T[]): T;
  fork(salt: number): Rng;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    exponential: (mean) => -mean * Math.log(1 - next()),
    pareto: (xm, alpha) => xm / Math.pow(1 - next(), 1 / alpha),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    fork: (salt) => createRng(Math.imul(seed ^ 0x85ebca6b, 31) + Math.imul(salt, 0x27d4eb2d)),
  };
  return rng;
}
