import 'server-only';
import type { SourceProblem } from '@/lib/model';

/**
 * Problems a change feed reports while it runs for ever: each once (a run re-read by every sweep reports the
 * same problem again), the newest `max` kept, and how many were dropped said rather than hidden.
 */
export class RecentProblems {
  private readonly kept = new Map<string, SourceProblem>();
  private dropped = 0;

  constructor(private readonly max = 200) {}

  add(problem: SourceProblem): void {
    const key = `${problem.where}\u0000${problem.line ?? ''}\u0000${problem.message}`;
    // Seen again: it moves to the newest end.
    this.kept.delete(key);
    this.kept.set(key, problem);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.max) break;
      this.kept.delete(oldest);
      this.dropped += 1;
    }
  }

  list(where: string): SourceProblem[] {
    const listed = [...this.kept.values()];
    return this.dropped === 0 ? listed : [...listed, { where, message: `${this.dropped} older problems not listed` }];
  }
}
