import { denySuite } from './helpers/deny-suite.ts';
import { startServer } from './helpers/server.ts';

denySuite('authorisation deny matrix', async () => {
  const server = await startServer();
  return {
    url: () => server.url,
    stored: async (id) => {
      const session = server.app.sessions.get(id)!;
      return { state: session.current(), seq: session.lastSeq };
    },
    close: () => server.close(),
  };
});
