import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { REPO, startServer, tempDir, type TestServer } from '../../integration/helpers/server.ts';

/** Builds the client as `npm run build` does, into a fresh folder, so the test serves this source. */
export async function buildClient(): Promise<string> {
  const outDir = tempDir('arsenal-e2e-client-');
  await build({
    configFile: path.join(REPO, 'client/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  if (!fs.existsSync(path.join(outDir, 'index.html')))
    throw new Error('the client build wrote no index.html');
  return outDir;
}

/** The real server on port 0, with a temporary SQLite folder, serving the built client. */
export function serveClient(clientDist: string): Promise<TestServer> {
  return startServer({ config: { clientDist, logLevel: 'warn' } });
}
