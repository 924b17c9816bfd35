/**
 * Does a big contact import or export stall the server? One `rapport serve` process on a real port
 * (the embedded database by default, PostgreSQL when DATABASE_URL is set); `/healthz` is probed
 * every 20 ms by a separate client process (this one) and its latency recorded:
 *   1. baseline: nothing else running;
 *   2. import: ben imports a 50,000-row file;
 *   3. import + export: ann imports a 50,000-row file while ben exports his 50,000 contacts.
 *
 *   npx tsx bench/contacts-stall.ts                 # embedded database (PGlite)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mydb npx tsx bench/contacts-stall.ts
 *   npx tsx bench/contacts-stall.ts --rows 20000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson, startServer } from '../test/helpers/spawn-server.js';

const argv = process.argv.slice(2);
const rowsOption = argv.indexOf('--rows');
const ROWS = rowsOption >= 0 ? Number(argv[rowsOption + 1]) : 50_000;
const PROBE_EVERY_MS = 20;

function contactFile(prefix: string, rows: number): string {
  const lines = ['Name,Email'];
  for (let i = 0; i < rows; i++) lines.push(`"${prefix} Person ${i}",${prefix}.person.${i}@example.net`);
  return `${lines.join('\r\n')}\r\n`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(name: string, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(8);
  return `${name.padEnd(28)} n=${String(sorted.length).padStart(5)}  p50 ${f(percentile(sorted, 50))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? NaN)} ms`;
}

/** Probes /healthz every PROBE_EVERY_MS (without waiting for the previous answer) until `stop()`. */
function probe(url: string) {
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const started = performance.now();
    const request = fetch(`${url}/healthz`)
      .then(async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      })
      .catch(() => {
        latencies.push(Infinity);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, PROBE_EVERY_MS);
  return {
    async stop(): Promise<number[]> {
      clearInterval(timer);
      await Promise.all(inFlight);
      return latencies;
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function importFile(url: string, token: string, body: string) {
  const response = await fetch(`${url}/api/v1/contacts/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
  const answer = (await response.json()) as { report?: { imported: number } };
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer.report!.imported;
}

async function exportAll(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/contacts/export.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  const text = await response.text();
  return text.split('\r\n').length - 2;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-stall-'));
  const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const server = await startServer({ RAPPORT_DATA_DIR: dataDir }, 300_000);
  try {
    const signUp = async (name: string) => {
      const answer = await postJson(`${server.url}/api/v1/auth/signup`, { email: `${name}.${Date.now()}@example.com`, password: 'a stall bench password 7', name });
      if (answer.status !== 201) throw new Error(`sign up: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token as string;
    };
    const ann = await signUp('ann');
    const ben = await signUp('ben');
    const annFile = contactFile('ann', ROWS);
    const benFile = contactFile('ben', ROWS);
    for (let i = 0; i < 20; i++) await fetch(`${server.url}/healthz`); // warm up

    console.log(`contacts-stall: ${backend}, ${ROWS.toLocaleString('en')} rows per file, /healthz every ${PROBE_EVERY_MS} ms, node ${process.version}`);
    let probing = probe(server.url);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    console.log(summary('baseline (idle)', await probing.stop()));

    probing = probe(server.url);
    const benImport = await timed(() => importFile(server.url, ben, benFile));
    console.log(`${summary('during 1 import', await probing.stop())}   import ${(benImport.ms / 1000).toFixed(2)} s (${benImport.value} stored)`);

    probing = probe(server.url);
    const [annImport, benExport] = await Promise.all([timed(() => importFile(server.url, ann, annFile)), timed(() => exportAll(server.url, ben))]);
    console.log(
      `${summary('during import + export', await probing.stop())}   import ${(annImport.ms / 1000).toFixed(2)} s, export ${(benExport.ms / 1000).toFixed(2)} s (${benExport.value} rows)`,
    );

    probing = probe(server.url);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    console.log(summary('baseline (idle, after)', await probing.stop()));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
