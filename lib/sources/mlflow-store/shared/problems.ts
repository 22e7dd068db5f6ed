import 'server-only';
import type { SourceProblem } from '@/lib/model';

/** Enough to diagnose a broken store without flooding /health; the rest is counted, never hidden. */
export const MAX_LISTED_PROBLEMS = 200;

export class ProblemList {
  private readonly listed: SourceProblem[] = [];
  private unlisted = 0;

  add(problem: SourceProblem): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    else this.unlisted += 1;
  }

  get size(): number {
    return this.listed.length + this.unlisted;
  }

  toArray(): SourceProblem[] {
    if (this.unlisted === 0) return [...this.listed];
    return [
      ...this.listed,
      { where: '(more)', message: `${this.unlisted} more problems not listed` },
    ];
  }
}
