export * from './types';
export * from './ids';
export * from './run-tone';
export * from './run-neighbourhood';
export * from './flow';
