// The upload peer: @tus/server with its file store, on loopback, for bench/run to compare our tus endpoint with.
// Usage: node tus-peer.mjs <port> <directory>
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [port, directory] = process.argv.slice(2);
const server = new Server({ path: '/files', datastore: new FileStore({ directory }) });
server.listen({ host: '127.0.0.1', port: Number(port) }, () => console.log(`tus peer listening on ${port}`));
