// The replay worker's entry: a worker thread starts without the parent's
// TypeScript loader, so it registers tsx itself (as bin/switchboard.js does).
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
