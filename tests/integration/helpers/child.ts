import { spawn, type ChildProcess } from 'node:child_process';
import { REPO } from './server.ts';

export interface ChildServer {
  url: string;
  port: number;
  proc: ChildProcess;
  logs: string[];
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * The server as `npm run serve` runs it (one node process with the tsx loader, so that SIGKILL reaches
 * the server itself), on a free port, with the given data folder. Resolves once it listens.
 */
export function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** Flags for node itself (e.g. `--cpu-prof`). */
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        const port = /"msg":"listening","port":(\d+)/.exec(line)?.[1];
        if (port) resolve({ url: `http://127.0.0.1:${port}`, port: Number(port), proc, logs, exited });
      }
    });
    void exited.then(() => reject(new Error(`server exited before listening:\n${logs.join('\n')}`)));
  });
}
