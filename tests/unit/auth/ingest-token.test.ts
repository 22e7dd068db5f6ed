import { describe, expect, it } from 'vitest';
import { bypassesDashboardAuth, hasIngestToken, INGEST_PATH } from '@/lib/auth/ingest-token';

describe('the ingest token', () => {
  it('accepts exactly "Bearer <token>", as the transport\'s api_key auth sends it', () => {
    expect(hasIngestToken('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(hasIngestToken('bearer s3cret-token', 's3cret-token')).toBe(true);
    for (const header of [null, '', 'Bearer', 'Bearer s3cret', 'Bearer s3cret-token2', 'Basic czNjcmV0LXRva2Vu', 's3cret-token', 'Bearer s3cret-token extra']) {
      expect(hasIngestToken(header, 's3cret-token'), String(header)).toBe(false);
    }
  });

  it('lets the receiver skip dashboard auth only when a token is set, and only on its own path', () => {
    expect(bypassesDashboardAuth(INGEST_PATH, 't')).toBe(true);
    expect(bypassesDashboardAuth(`${INGEST_PATH}/`, 't')).toBe(true);
    expect(bypassesDashboardAuth(INGEST_PATH, null)).toBe(false);
    for (const other of ['/api/v1/lineage2', '/api/v1/lineage/x', '/api/lineage', '/api/runs', '/']) expect(bypassesDashboardAuth(other, 't'), other).toBe(false);
  });
});
