// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import HistoryCharts from '../../client/src/screens/charts/HistoryCharts.tsx';
import { bundled, Driver } from '../helpers/scenarios.ts';
import { renderIn, teamView } from './render.tsx';

const tutorial = bundled('tutorial');

describe('the team’s history charts', () => {
  afterEach(cleanup);

  it('a firm with plants sees its idle capacity and stranded capex month by month; others do not', () => {
    const d = new Driver(tutorial).toPlanning().endMonth().endMonth();
    const firm = renderIn(<HistoryCharts view={teamView(d, 'autoco')} scenario={tutorial} />);
    const stranded = firm.container.querySelector('svg[aria-label="Capex stranded in idle capacity"]');
    expect(stranded).not.toBeNull();
    expect(stranded!.querySelectorAll('g[data-series="value"] circle')).toHaveLength(2);
    expect(firm.container.querySelector('svg[aria-label^="Idle capacity"]')).not.toBeNull();
    cleanup();
    const buyer = renderIn(<HistoryCharts view={teamView(d, 'dga')} scenario={tutorial} />);
    expect(buyer.container.querySelector('svg[aria-label="Capex stranded in idle capacity"]')).toBeNull();
  });
});
