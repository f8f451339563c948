import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can be told to stop forwarding while keeping every socket
 * open: a database that accepts connections and then never answers. What arrives meanwhile is held,
 * and forwarded once `resume` is called; a side that closed meanwhile is closed on the other side
 * after that.
 *
 * `hang('both')` holds both directions (requests never reach the database); `hang('commits')` lets
 * requests through, and a connection that sends a COMMIT gets no answer from then on (PostgreSQL
 * commits, nobody hears it done).
 */
export class HangProxy {
  private readonly pairs = new Set<Pair>();
  private mode: Mode = 'none';

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<HangProxy> {
    let proxy: HangProxy | null = null;
    const server = net.createServer((client) => proxy?.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new HangProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  hang(mode: Exclude<Mode, 'none'> = 'both'): void {
    this.mode = mode;
  }

  resume(): void {
    this.mode = 'none';
    for (const p of this.pairs) p.flush();
  }

  /** Connections open now (both ends still up). */
  get open(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    for (const p of this.pairs) p.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    const upstream = net.connect(target.port, target.host);
    const pair = new Pair(client, upstream, () => this.mode);
    this.pairs.add(pair);
    pair.closed.then(
      () => this.pairs.delete(pair),
      () => undefined,
    );
  }
}

type Mode = 'none' | 'both' | 'commits';

/** The simple-protocol query the `pg` client ends a transaction with. */
const COMMIT = Buffer.from('COMMIT\0');

/** One proxied connection: bytes held per direction while hung, and an end held behind them. */
class Pair {
  private readonly held = { up: [] as Buffer[], down: [] as Buffer[] };
  private readonly ended = { up: false, down: false };
  readonly closed: Promise<void>;
  /** `commits` mode: this connection sent a COMMIT, its answers are held. */
  private committed = false;

  constructor(
    private readonly client: net.Socket,
    private readonly upstream: net.Socket,
    private readonly mode: () => Mode,
  ) {
    client.on('data', (d: Buffer) => this.pass('up', d));
    upstream.on('data', (d: Buffer) => this.pass('down', d));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    // a side that goes: the other is ended once what it was sent before has gone through
    client.on('close', () => this.end('up'));
    upstream.on('close', () => this.end('down'));
    this.closed = new Promise((resolve) => {
      let n = 0;
      const one = () => ++n === 2 && resolve();
      client.once('close', one);
      upstream.once('close', one);
    });
  }

  private holding(dir: 'up' | 'down'): boolean {
    const mode = this.mode();
    return mode === 'both' || (mode === 'commits' && dir === 'down' && this.committed);
  }

  private pass(dir: 'up' | 'down', d: Buffer): void {
    if (dir === 'up' && this.mode() === 'commits' && d.includes(COMMIT)) this.committed = true;
    if (this.holding(dir) || this.held[dir].length) this.held[dir].push(d);
    else this.to(dir).write(d);
  }

  private end(dir: 'up' | 'down'): void {
    this.ended[dir] = true;
    if (!this.holding(dir) && !this.held[dir].length) this.to(dir).end();
  }

  private to(dir: 'up' | 'down'): net.Socket {
    return dir === 'up' ? this.upstream : this.client;
  }

  flush(): void {
    this.committed = false;
    for (const dir of ['up', 'down'] as const) {
      const target = this.to(dir);
      for (const d of this.held[dir].splice(0)) if (!target.destroyed) target.write(d);
      if (this.ended[dir] && !target.destroyed) target.end();
    }
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }
}
