// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MiniChart } from '../../client/src/screens/charts/MiniChart.tsx';
import { niceTicks } from '../../client/src/screens/charts/ticks.ts';
import { renderIn } from './render.tsx';

describe('the hand-drawn line chart', () => {
  afterEach(cleanup);

  it('draws a line per series with a point per month, nine teams included, and a legend apart', () => {
    const teams = Array.from({ length: 9 }, (_, i) => `team${i}`);
    const data = [1, 2, 3, 4].map((month) => ({
      month,
      ...Object.fromEntries(teams.map((t, i) => [t, 1_000_000 * (i + month)])),
    }));
    const { container } = renderIn(
      <MiniChart title="Cash" data={data} series={teams.map((key) => ({ key, label: key.toUpperCase() }))} />,
    );
    const svg = container.querySelector('svg.chart-plot')!;
    expect(svg).toHaveAttribute('aria-label', 'Cash');
    for (const t of teams) {
      const g = svg.querySelector(`g[data-series="${t}"]`)!;
      expect(g.querySelectorAll('circle')).toHaveLength(4);
      expect(g.querySelector('path')!.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/);
    }
    expect(container.querySelectorAll('.chart-legend li')).toHaveLength(9);
    expect(svg.querySelector('g[data-series="team8"] title')!.textContent).toBe('TEAM8, 1: 9,000,000');
  });

  it('skips missing points and draws a lone point without a line', () => {
    const { container } = renderIn(
      <MiniChart
        title="Fork"
        data={[
          { month: 3, original: 0.62 },
          { month: 4, original: 0.7, fork: 0.55 },
        ]}
        series={[
          { key: 'original', label: 'Original' },
          { key: 'fork', label: 'Fork' },
        ]}
      />,
    );
    const fork = container.querySelector('g[data-series="fork"]')!;
    expect(fork.querySelectorAll('circle')).toHaveLength(1);
    expect(fork.querySelector('path')).toBeNull();
    expect(container.querySelector('g[data-series="original"] title')!.textContent).toBe('Original, 3: 0.62');
  });
});

describe('value-axis ticks', () => {
  it.each([
    [0, 0.7, 4, [0, 0.2, 0.4, 0.6, 0.8]],
    [0, 9_000_000, 4, [0, 5_000_000, 10_000_000]],
    [-3, 2, 4, [-4, -2, 0, 2]],
    [0, 0, 4, [0, 1]],
  ])('%d to %d in about %d steps', (lo, hi, n, ticks) => {
    expect(niceTicks(lo, hi, n)).toEqual(ticks);
  });
});
