export * from './lineage';
export * from './experiment';
export * from './source';
export * from './link';
export * from './unified';
export * from './keys';
export * from './upstream';
export * from './dataset-uri';
