import { describe, expect, it } from 'vitest';
import { bundled, Driver, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/** Le Mans's skilled workforce, month by month, with `rules.workforce.turnoverPerMonth` set. */
function skilledOver(months: number, turnover: number) {
  const s = variant(tutorial, (x) => {
    x.rules.workforce.turnoverPerMonth = turnover;
    x.injects = [];
  });
  const d = new Driver(s).toPlanning();
  const rows: number[] = [];
  for (let m = 1; m <= months; m++) rows.push(d.endMonth().game.plants.le_mans!.skilled);
  return { rows, news: d.game.news };
}

describe('workforce turnover (§2.6)', () => {
  it('takes its share of the skilled, in whole people, every month, and says so', () => {
    const { rows, news } = skilledOver(3, 0.02);
    // 600 skilled: 12 leave, then 11 (2 % of 588 = 11.76), then 11 (of 577).
    expect(rows).toEqual([588, 577, 566]);
    expect(news.find((e) => e.data?.key === 'plant.turnover')).toMatchObject({
      to: ['autoco'],
      data: { plant: 'le_mans', left: 11 },
    });
  });

  it('is nothing by default', () => {
    expect(skilledOver(2, 0).rows).toEqual([600, 600]);
  });
});
