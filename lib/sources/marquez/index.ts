import 'server-only';

export { createMarquezSource, type MarquezSourceOptions } from './source';
export { createMarquezClient, displayUrl, MARQUEZ_LABEL, type MarquezClient, type MarquezClientOptions } from './client';
export { MARQUEZ_SOURCE_ID } from './map-run';
export { UPSTREAM_BASIS } from './upstream';
export { mapLineageGraph } from './map-graph';
export { marquezDatasetNodeId, marquezJobNodeId, marquezDatasetFieldNodeId } from './node-id';
export { marquezRunUuid, nameUuid, runUuidCandidates } from './name-based-uuid';
