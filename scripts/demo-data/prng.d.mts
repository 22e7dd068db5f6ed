// Types for prng.mjs (TypeScript tests, stubs and benches import it).

export interface Rng {
  next(): number;
  float(min: number, max: number): number;
  int(min: number, max: number): number;
  normal(mean?: number, sd?: number): number;
  hex(digits: number): string;
  uuidHex(): string;
}

export declare function rngFor(...parts: Array<string | number>): Rng;
export declare function dashed(hex: string): string;
