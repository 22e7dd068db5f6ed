export { joinRuns } from './join-runs';
export { dashedUuid, idKey, uuidHex } from './ids';
export { experimentKey } from './evidence';
export { experimentRecordKeys, lineageRecordKeys, pastableIdKeys, type RecordKeys } from './record-keys';
