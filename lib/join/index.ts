export { joinRuns } from './join-runs';
export { dashedUuid, idKey, uuidHex } from './ids';
