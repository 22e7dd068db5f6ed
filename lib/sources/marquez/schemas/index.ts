import 'server-only';

export * from './common';
export * from './namespace';
export * from './run';
export * from './job';
export * from './dataset';
export * from './lineage';
export * from './upstream';
export * from './search';
export * from './events';
