import { SeatClient } from '../integration/helpers/client.ts';

/**
 * The victims of the abuse benchmark, in a process of their own so that the attacker's client work
 * never delays what they measure: each facilitator sends a stored command every 50 ms; on `take` the
 * ack delays since the last `take` are sent to the parent.
 */
const [url, ...tokens] = process.argv.slice(2);
let delays: number[] = [];
let stopping = false;

const victims = await Promise.all(tokens.map((t) => SeatClient.connect(url!, t)));
for (const v of victims) await v.send({ type: 'startPlanning' });
process.on('message', (m: { type: 'take' | 'stop' }) => {
  if (m.type === 'stop') stopping = true;
  process.send!({ type: 'delays', delays });
  delays = [];
});
process.send!({ type: 'ready' });
await Promise.all(
  victims.map(async (v) => {
    for (let k = 0; !stopping; k++) {
      const t0 = performance.now();
      const ack = await v.sendFresh({ type: 'setDeadline', at: Date.now() + 3_600_000 + k });
      if (ack.ok) delays.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  }),
);
for (const v of victims) v.close();
process.exit(0);
