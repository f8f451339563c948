// Worker threads start without the TypeScript loader the CLI runs under: register tsx, then load the
// worker itself (this file is plain JavaScript so that Node can start it as is).
import { register } from 'tsx/esm/api';

register();
await import('./balance-worker.ts');
