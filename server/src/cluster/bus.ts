/** What the bus needs of a Redis client (`redis`'s `createClient()`; the subscriber is a duplicate). */
export interface PubSub {
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
}

interface RequestMessage {
  t: 'req';
  id: number;
  from: string;
  body: unknown;
}
interface ResponseMessage {
  t: 'res';
  id: number;
  body: unknown;
}

/** The owner did not answer in time, or could not be reached at all. */
export class BusTimeout extends Error {}

/** Nobody listens on the owner's channel: that node is gone. */
export class BusGone extends BusTimeout {}

/**
 * Requests from one node to another over Redis pub/sub: each node listens on a channel of its own and
 * answers on the asker's. Used to forward a socket's events to the exercise's owner. Nothing is
 * queued: a request that reaches nobody times out, and the caller tells its client to retry (commands
 * carry ids, so a retry never stores twice).
 */
export class Bus {
  private readonly waiting = new Map<number, { resolve(body: unknown): void; timer: NodeJS.Timeout }>();
  private next = 0;

  constructor(
    private readonly pub: PubSub,
    private readonly sub: PubSub,
    /** This node's channel. */
    private readonly channel: string,
    private readonly handle: (body: unknown) => Promise<unknown>,
  ) {}

  async start(): Promise<void> {
    await this.sub.subscribe(this.channel, (text) => this.onMessage(text));
  }

  /** Sends `body` to the node listening on `channel` and resolves with its answer; rejects with BusTimeout. */
  request(channel: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new BusTimeout(`${channel} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve, timer });
      const message: RequestMessage = { t: 'req', id, from: this.channel, body };
      this.pub.publish(channel, JSON.stringify(message)).then(
        (receivers) => {
          if (receivers > 0) return;
          // Nobody listens on that channel: the node is gone, no need to wait.
          clearTimeout(timer);
          this.waiting.delete(id);
          reject(new BusGone(`nobody listens on ${channel}`));
        },
        (err: unknown) => {
          clearTimeout(timer);
          this.waiting.delete(id);
          reject(new BusTimeout(err instanceof Error ? err.message : String(err)));
        },
      );
    });
  }

  private onMessage(text: string): void {
    let message: RequestMessage | ResponseMessage;
    try {
      message = JSON.parse(text) as RequestMessage | ResponseMessage;
    } catch {
      return;
    }
    if (message.t === 'res') {
      const w = this.waiting.get(message.id);
      if (!w) return;
      clearTimeout(w.timer);
      this.waiting.delete(message.id);
      w.resolve(message.body);
      return;
    }
    const { id, from } = message;
    void this.handle(message.body)
      .then((body) => this.pub.publish(from, JSON.stringify({ t: 'res', id, body })))
      .catch(() => undefined);
  }

  close(): void {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
  }
}
