import { canarySuite } from './helpers/canary-suite.ts';
import { startServer } from './helpers/server.ts';

canarySuite('secret canaries', async () => {
  const server = await startServer();
  return { url: () => server.url, logs: () => server.logs, close: () => server.close() };
});
