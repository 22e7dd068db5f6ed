import 'server-only';
export { createReceiverSource, type ReceivedEventStore } from './source';
export { parseReceivedBody, type ReceivedEvent } from './parse-body';
export { RECEIVER_SOURCE_ID } from './run-from-events';
