import { Worker } from 'node:worker_threads';

/** A worker thread running a TypeScript file of the benchmark, loaded through tsx (which runs the benchmark). */
export function tsWorker(file: URL): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}))`;
  return new Worker(boot, { eval: true });
}
