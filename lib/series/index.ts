export * from './types';
export * from './prepare';
