export * from './types';
export * from './prepare';
export * from './downsample';
