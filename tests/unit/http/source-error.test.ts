import { describe, expect, it } from 'vitest';
import { SourceError, isSourceError } from '@/lib/http/source-error';

describe('isSourceError', () => {
  it('recognises the class, and the same error thrown by another bundle copy of the module', () => {
    expect(isSourceError(new SourceError({ source: 'Marquez', kind: 'timeout', message: 'Marquez: slow', failingSince: '2026-11-26T09:00:00.000Z' }))).toBe(true);
    // What a second copy of the class produces: another constructor, same name and fields.
    const copy = Object.assign(new Error('Marquez: slow'), { name: 'SourceError', source: 'Marquez', kind: 'timeout', failingSince: null });
    expect(isSourceError(copy)).toBe(true);
  });

  it('rejects other errors and look-alikes without the fields', () => {
    expect(isSourceError(new Error('x'))).toBe(false);
    expect(isSourceError(Object.assign(new Error('x'), { name: 'SourceError' }))).toBe(false);
    expect(isSourceError({ name: 'SourceError', source: 'a', kind: 'http' })).toBe(false);
    expect(isSourceError(null)).toBe(false);
  });

  it('keeps since when the source fails, or null', () => {
    expect(new SourceError({ source: 'MLflow', kind: 'auth', message: 'm' }).failingSince).toBeNull();
  });
});
