import { Worker } from 'node:worker_threads';

// Read and hashed on one thread, synchronously, through one buffer: with asynchronous reads each
// 4 MB arrived from libuv's pool thread to be hashed on another core, and a 3 GB file took
// 2.8-3.2 s of CPU against 2.2 s, while DuckDB's check wanted both cores (a stream of new
// buffers, before that, 3.4 s and their garbage collected meanwhile).
const digestInWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const file = openSync(workerData, 'r');
try {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (let read; (read = readSync(file, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, read));
} finally {
  closeSync(file);
}
parentPort.postMessage(hash.digest('hex'));
`;

/** The SHA-256 of a file's bytes, hex, computed on a worker thread so that the caller's event loop and the rest of the import go on meanwhile. */
export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(digestInWorker, { eval: true, workerData: path });
    worker.once('message', (digest: string) => resolve(digest));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The digest of ${path} stopped with code ${code}`)));
  });
}
