import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerAddressStamp, peerAddress, PEER_ADDRESS_HEADER } from '@/lib/auth/peer-address';

describe('peer address stamp', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    installPeerAddressStamp();
    server = http.createServer((request, response) => response.end(String(request.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(localAddress: string, headers: Record<string, string>): Promise<string> {
    return new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, localAddress, headers }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body));
      }).on('error', reject);
    });
  }

  it('records the TCP peer and overwrites whatever the client claims', async () => {
    expect(await get('127.0.0.2', { [PEER_ADDRESS_HEADER]: '10.0.0.5', 'x-forwarded-for': '10.0.0.5' })).toBe('127.0.0.2');
    expect(await get('127.0.0.3', {})).toBe('127.0.0.3');
  });

  it('is read back from the headers once installed', () => {
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: '127.0.0.2' }))).toBe('127.0.0.2');
    expect(peerAddress(new Headers())).toBeNull();
  });
});
