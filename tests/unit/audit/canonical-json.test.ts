import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/audit/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}');
  });

  it('gives the same text whatever order the keys were built in', () => {
    expect(canonicalJson({ x: 1, y: { p: 'q', o: 2 } })).toBe(canonicalJson({ y: { o: 2, p: 'q' }, x: 1 }));
  });

  it('keeps array order, escapes strings like JSON and drops undefined members as JSON.stringify does', () => {
    expect(canonicalJson([2, 1, 'a"b\n'])).toBe('[2,1,"a\\"b\\n"]');
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('sorts by code unit, not locale (upper case before lower case)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3 })).toBe('{"B":2,"a":3,"b":1}');
  });
});
