import { describe, expect, it } from 'vitest';
import { memoryReport } from '../../../scripts/bench/memory-report.mjs';

const point = (label: string, round: number | null, rss: number, heap: number) => ({ label, round, rss, heap, heapTotal: heap * 2, external: 10 });

describe("bench:load's memory report", () => {
  it('judges RSS growth from the end of the warm-up round to the end of the last round, live heap beside it', () => {
    const report: string = memoryReport([
      point('cold', null, 300, 80),
      point('end of the warm-up round', 0, 500, 100),
      point('end of round 1', 1, 520, 101),
      point('end of round 2', 2, 530, 102),
      point('end of round 3', 3, 540, 104),
    ]);
    // 500 → 540 MB is 8.0 %; from the cold point (300) it would be 80 %, from round 1 (520) 3.8 %.
    expect(report).toMatch(/RSS growth over 3 rounds \(end of the warm-up round to the end of round 3\): 8\.0 % \(target < 10 %\); live heap after GC 4\.0 %/);
    expect(report).toContain('from the end of round 1 to the end of round 3: RSS 3.8 %, live heap 3.0 %');
    expect(report).toContain('end of the warm-up round');
  });

  it('says how long each point waited for the requests its round left in flight', () => {
    const report: string = memoryReport([point('cold', null, 300, 80), { ...point('end of the warm-up round', 0, 500, 100), quietMs: 4_250 }]);
    expect(report).toContain('measured once quiet, after');
    expect(report).toMatch(/end of the warm-up round\s+4\.3 s\s+500 MB/);
  });

  it('says the growth was not measured when there was no warm-up round', () => {
    const report: string = memoryReport([point('cold', null, 300, 80), point('end of round 1', 1, 520, 101), point('end of round 2', 2, 530, 102)]);
    expect(report).toContain('not measured (no warm-up round');
    expect(report).not.toMatch(/RSS growth over \d+ rounds/);
  });
});
