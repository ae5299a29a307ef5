// App: composition. Builds the request context, wires each module's declared services
// and starts the HTTP and WebSocket server; the only module that knows every other.
export { type RunningServer, startServer } from './server.js';
export { type RunningWorker, startWorker } from './worker.js';
export { buildCoreSchema } from './core-schema.js';
export { ensureDemoWorkspace } from './demo.js';
export { runProcess } from './process.js';
export { migrate, openAppDatabase, workspaceSchemaSql } from './database.js';
