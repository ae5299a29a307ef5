// Contracts: what the server and the client agree on over the wire, defined once and imported
// by both: the change event that the feed pushes and the WebSocket close codes.
export { CloseCode } from './close-codes.js';
export { recordChangeEventFields, type ChangeKind, type RecordChangeEvent } from './change-event.js';
