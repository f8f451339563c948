import { replay } from '@arsenal/shared';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { denySuite } from '../integration/helpers/deny-suite.ts';
import { Http } from '../integration/helpers/http.ts';
import { TestCluster } from './helpers/cluster.ts';

// The deny matrix on two nodes: seats connect to either node in turn (the other's commands are
// forwarded to the owner), and the stored state is read back as the facilitator's export folds it.
denySuite('authorisation deny matrix on two nodes', async () => {
  const cluster = await TestCluster.start(2);
  return {
    url: (i) => cluster.nodes[i % 2]!.url,
    stored: async (id, token) => {
      const res = await new Http(cluster.nodes[1]!.url).get<FacilitatorExport>(
        `/api/exercises/${id}/export`,
        token,
      );
      const e = res.body;
      return { state: replay(e.scenario, e.setup, e.entries), seq: e.entries.length };
    },
    close: () => cluster.close(),
  };
});
