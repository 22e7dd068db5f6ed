// Types for generate.mjs (tests import it from TypeScript).

export declare const DEFAULT_OUT_DIR: string;
export declare const STAMP_FILE: string;

export declare function generatorStamp(): string;

export interface GenerateResult {
  skipped: boolean;
  outDir: string;
  /** Present when the data was written. */
  events?: number;
  mlflowRuns?: number;
  ms: number;
}

export declare function generateDemoData(options?: { outDir?: string; force?: boolean }): GenerateResult;
