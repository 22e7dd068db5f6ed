export * from './types';
export * from './prepare';
export * from './downsample';
export * from './chart-axis';
