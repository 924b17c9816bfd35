import { searchShare, type SearchTask } from './altcha-search.js';

/** A Web Worker running one share of a proof of work (`searchShare`), reporting progress and the answer. */
export type WorkerTask = SearchTask;
export type WorkerMessage = { kind: 'progress'; tried: number } | { kind: 'found'; number: number } | { kind: 'exhausted' };

const scope = self as unknown as { onmessage: ((event: MessageEvent<WorkerTask>) => void) | null; postMessage(message: WorkerMessage): void };

scope.onmessage = ({ data: task }) => {
  const found = searchShare(task, (tried) => scope.postMessage({ kind: 'progress', tried }));
  scope.postMessage(found === null ? { kind: 'exhausted' } : { kind: 'found', number: found });
};
