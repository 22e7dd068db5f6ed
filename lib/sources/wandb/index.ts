import 'server-only';

export { createWandbSource, parseRunPath, WANDB_SOURCE_LABEL, type WandbSource, type WandbSourceOptions } from './source';
export { createWandbClient, wandbAuthHeader, WANDB_LABEL, type WandbClient, type WandbClientOptions } from './client';
export { wandbAppUrl, wandbRunUrl } from './run-url';
