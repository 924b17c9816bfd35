/**
 * The "other process" of the freshness measurement in bench/graph.ts: builds its own graph index
 * from the database, keeps it fresh by polling the outbox every 200 ms like a server process does,
 * and reports when a pair it is asked about reaches the expected state. Never polls on demand.
 */
import { openDatabase } from '../src/db/database.js';
import { createGraphIndex, GraphSync } from '../src/graph/index-sync.js';

interface Watch {
  a: number;
  b: number;
  connected: boolean;
}

const url = process.argv[2];
if (!url || !process.send) throw new Error('usage: forked by bench/graph.ts with a database URL');
const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
const built = await createGraphIndex(database.db);
const sync = new GraphSync(database.db, built.index, built.floor);
sync.start();
process.send({ ready: true, buildMillis: built.millis });

process.on('message', (message: Watch | { stop: true }) => {
  if ('stop' in message) {
    void sync.stop().then(() => database.close()).then(() => process.exit(0));
    return;
  }
  const check = () => {
    if (built.index.areConnected(message.a, message.b) === message.connected) {
      process.send!({ seenAt: performance.timeOrigin + performance.now() });
    } else {
      setTimeout(check, 1);
    }
  };
  check();
});
