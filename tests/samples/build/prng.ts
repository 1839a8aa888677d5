/**
 * A small seeded random number generator, so the sample dataset comes out byte for byte the same
 * on every run and every machine. Only integer and basic float arithmetic is used (no Math.sin,
 * Math.exp or locale formatting), whose results IEEE 754 fixes exactly.
 */

/** mulberry32: a 32-bit generator, plenty for sample data and reproducible from its seed. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the items, each with its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /**
   * Roughly normal noise with mean 1 and the given spread (about one standard deviation): the
   * mean of four uniforms (Irwin–Hall), which needs no logarithms.
   */
  noise(spread: number): number {
    const u = (this.next() + this.next() + this.next() + this.next()) / 4; // mean 0.5, sd ≈ 0.144
    return 1 + ((u - 0.5) / 0.144) * spread;
  }
}

/** A generator per purpose, so adding rows to one file does not shift the numbers of another. */
export function prngFor(name: string): Prng {
  let h = 2166136261; // FNV-1a offset basis
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return new Prng(h);
}
