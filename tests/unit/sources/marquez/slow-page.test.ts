import { describe, expect, it } from 'vitest';
import { fetchAllPages } from '@/lib/sources/marquez/paging';
import { SourceError } from '@/lib/http/source-error';

// A page that fails while the rest answer: only a later page's local failure may end a read partially.
describe('fetchAllPages with local page failures', () => {
  const timeout = () => new SourceError({ source: 'X', kind: 'timeout', message: 'X: GET /jobs timed out after 5000 ms' });
  const isLocal = (e: unknown) => e instanceof SourceError && e.kind === 'timeout';

  it('a failure of the first page, or one that is not local, still fails the read', async () => {
    await expect(fetchAllPages(() => Promise.reject(timeout()), { pageSize: 10, max: 100, pageFailureIsLocal: isLocal })).rejects.toThrow(/timed out/);
    const refused = new SourceError({ source: 'X', kind: 'network', message: 'X: refused' });
    let n = 0;
    const fetchPage = async () => (n++ === 0 ? { items: [1, 2], totalCount: 4 } : Promise.reject(refused));
    await expect(fetchAllPages(fetchPage, { pageSize: 2, max: 100, pageFailureIsLocal: isLocal })).rejects.toThrow(/refused/);
  });
});
