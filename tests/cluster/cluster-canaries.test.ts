import { canarySuite } from '../integration/helpers/canary-suite.ts';
import { TestCluster } from './helpers/cluster.ts';

// The secret canary suite on two nodes: each seat's socket and HTTP requests take turns between them,
// so views, acks and exports come from the owner directly or through the other node.
canarySuite('secret canaries on two nodes', async () => {
  const cluster = await TestCluster.start(2);
  return {
    url: (i) => cluster.nodes[i % 2]!.url,
    logs: () => cluster.nodes.flatMap((n) => n.server.logs),
    close: () => cluster.close(),
  };
});
