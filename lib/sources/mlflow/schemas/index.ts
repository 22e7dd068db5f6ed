import 'server-only';

export * from './common';
export * from './experiment';
export * from './run';
export * from './registry';
export * from './artifacts';
