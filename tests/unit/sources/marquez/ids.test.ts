import { describe, expect, it } from 'vitest';
import { marquezDatasetFieldNodeId, marquezDatasetNodeId, marquezJobNodeId } from '@/lib/sources/marquez/node-id';
import { dashedFromHex32, javaUuid, marquezRunUuid, nameUuid, nameUuidFromBytes, runUuidCandidates } from '@/lib/sources/marquez/name-based-uuid';

describe('Marquez node ids', () => {
  const pg = { namespace: 'postgres://host:5432', name: 'public.orders' };

  it('are kind, namespace and name joined by ":" with namespaces holding ":" kept whole', () => {
    expect(marquezDatasetNodeId(pg)).toBe('dataset:postgres://host:5432:public.orders');
    expect(marquezJobNodeId({ namespace: 'food_delivery', name: 'etl_orders' })).toBe('job:food_delivery:etl_orders');
    expect(marquezDatasetFieldNodeId(pg, 'id')).toBe('datasetField:postgres://host:5432:public.orders:id');
  });

  it('carry a version after "#", and are fully encoded in a query string', () => {
    const id = marquezDatasetNodeId(pg, 'd224dac0-35d7-4d9b-bbbe-6fff1a8485ad');
    expect(id).toBe('dataset:postgres://host:5432:public.orders#d224dac0-35d7-4d9b-bbbe-6fff1a8485ad');
    const query = new URLSearchParams({ nodeId: id }).toString();
    expect(query).toBe('nodeId=dataset%3Apostgres%3A%2F%2Fhost%3A5432%3Apublic.orders%23d224dac0-35d7-4d9b-bbbe-6fff1a8485ad');
    expect(new URLSearchParams(query).get('nodeId')).toBe(id);
  });
});

describe("Java's UUID.nameUUIDFromBytes", () => {
  it('matches known values (MD5, version 3, IETF variant)', () => {
    // Cassandra's system keyspace id is UUID.nameUUIDFromBytes("systembatchlog".getBytes()).
    expect(nameUuid('systembatchlog')).toBe('0290003c-977e-397c-ac3e-fdfdc01d626b');
    expect(nameUuid('test')).toBe('098f6bcd-4621-3373-8ade-4e832627b4f6');
    expect(nameUuidFromBytes(new Uint8Array())).toBe('d41d8cd9-8f00-3204-a980-0998ecf8427e');
  });

  it('hashes the UTF-8 bytes of non-ASCII names', () => {
    expect(nameUuid('rūn-事件')).toBe(nameUuidFromBytes(Buffer.from('rūn-事件', 'utf8')));
    expect(nameUuid('rūn-事件')).not.toBe(nameUuidFromBytes(Buffer.from('rūn-事件', 'latin1')));
  });
});

describe('run ids as Marquez keys them', () => {
  it('keeps UUIDs (canonical, lower case, lenient like Java) and hashes anything else', () => {
    expect(javaUuid('EDEE0683-F4B7-4401-8578-8C35C6AAA7B0')).toBe('edee0683-f4b7-4401-8578-8c35c6aaa7b0');
    expect(javaUuid('1-2-3-4-5')).toBe('00000001-0002-0003-0004-000000000005');
    expect(javaUuid('edee0683f4b7440185788c35c6aaa7b0')).toBeNull();
    expect(marquezRunUuid('scheduled__2026-11-26')).toBe(nameUuid('scheduled__2026-11-26'));
    expect(marquezRunUuid('EDEE0683-F4B7-4401-8578-8C35C6AAA7B0')).toBe('edee0683-f4b7-4401-8578-8c35c6aaa7b0');
  });

  it('turns a 32-hex MLflow run id into the dashed UUID first, its name-based UUID second', () => {
    expect(dashedFromHex32('edee0683f4b7440185788c35c6aaa7b0')).toBe('edee0683-f4b7-4401-8578-8c35c6aaa7b0');
    expect(dashedFromHex32('edee0683')).toBeNull();
    expect(runUuidCandidates('EDEE0683F4B7440185788C35C6AAA7B0')).toEqual(['edee0683-f4b7-4401-8578-8c35c6aaa7b0', nameUuid('EDEE0683F4B7440185788C35C6AAA7B0')]);
    expect(runUuidCandidates(' edee0683-f4b7-4401-8578-8c35c6aaa7b0 ')).toEqual(['edee0683-f4b7-4401-8578-8c35c6aaa7b0']);
    expect(runUuidCandidates('manual-run-7')).toEqual([nameUuid('manual-run-7')]);
  });
});
