import { describe, expect, it } from 'vitest';
import { ErrorCode, validateOrders, type Order } from '@arsenal/shared';
import { bundled, Driver, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/** Each row: a team, its orders, and the code and path of the violation the engine must return. */
const cases: { name: string; team: string; orders: Order[]; code: string; path: string }[] = [
  {
    name: 'paying itself',
    team: 'dga',
    orders: [{ type: 'budget', to: 'dga', amount: 1, purpose: 'appropriation' }],
    code: ErrorCode.SelfDealing,
    path: 'orders.0.to',
  },
  {
    name: 'paying an unknown team',
    team: 'dga',
    orders: [{ type: 'budget', to: 'nobody', amount: 1, purpose: 'appropriation' }],
    code: ErrorCode.UnknownTeam,
    path: 'orders.0.to',
  },
  {
    name: 'spending more than the cash',
    team: 'dga',
    orders: [{ type: 'budget', to: 'army', amount: 60_000_001, purpose: 'appropriation' }],
    code: ErrorCode.OverBudget,
    path: 'orders.0',
  },
  {
    name: 'two grants that together overspend',
    team: 'dga',
    orders: [
      { type: 'budget', to: 'army', amount: 40_000_000, purpose: 'appropriation' },
      { type: 'budget', to: 'autoco', amount: 30_000_000, purpose: 'subsidy' },
    ],
    code: ErrorCode.OverBudget,
    path: 'orders.1',
  },
  {
    name: 'a military team converting a line',
    team: 'army',
    orders: [
      {
        type: 'convertLine',
        plant: 'le_mans',
        line: 'line_a',
        product: 'fpv_rf',
        template: 'simple_assembly',
      },
    ],
    code: ErrorCode.WrongTeamKind,
    path: 'orders.0.type',
  },
  {
    name: 'an unknown plant',
    team: 'autoco',
    orders: [
      { type: 'convertLine', plant: 'flins', line: 'line_a', product: 'fpv_rf', template: 'simple_assembly' },
    ],
    code: ErrorCode.UnknownPlant,
    path: 'orders.0.plant',
  },
  {
    name: 'an unknown line',
    team: 'autoco',
    orders: [
      {
        type: 'convertLine',
        plant: 'le_mans',
        line: 'line_z',
        product: 'fpv_rf',
        template: 'simple_assembly',
      },
    ],
    code: ErrorCode.UnknownLine,
    path: 'orders.0.line',
  },
  {
    name: 'an unknown template',
    team: 'autoco',
    orders: [{ type: 'convertLine', plant: 'le_mans', line: 'line_a', product: 'fpv_rf', template: 'magic' }],
    code: ErrorCode.UnknownTemplate,
    path: 'orders.0.template',
  },
  {
    name: 'an unknown product',
    team: 'autoco',
    orders: [
      { type: 'convertLine', plant: 'le_mans', line: 'line_a', product: 'tank', template: 'simple_assembly' },
    ],
    code: ErrorCode.UnknownProduct,
    path: 'orders.0.product',
  },
  {
    name: 'converting the same line twice',
    team: 'autoco',
    orders: [
      {
        type: 'convertLine',
        plant: 'le_mans',
        line: 'line_a',
        product: 'fpv_rf',
        template: 'simple_assembly',
      },
      {
        type: 'convertLine',
        plant: 'le_mans',
        line: 'line_a',
        product: 'fpv_fibre',
        template: 'simple_assembly',
      },
    ],
    code: ErrorCode.DuplicateOrder,
    path: 'orders.1',
  },
  {
    name: 'reverting a civil line',
    team: 'autoco',
    orders: [{ type: 'revertLine', plant: 'le_mans', line: 'line_a' }],
    code: ErrorCode.LineBusy,
    path: 'orders.0.line',
  },
  {
    name: 'an expansion with a conversion template',
    team: 'autoco',
    orders: [
      {
        type: 'invest',
        plant: 'le_mans',
        line: 'line_a',
        template: 'simple_assembly',
        product: 'fpv_rf',
        addNameplate: 100,
      },
    ],
    code: ErrorCode.TemplateMismatch,
    path: 'orders.0.template',
  },
  {
    name: 'more components than the source can ship',
    team: 'autoco',
    orders: [{ type: 'buyComponents', component: 'motor', source: 'cn', qty: 9_001 }],
    code: ErrorCode.OverCapacity,
    path: 'orders.0.qty',
  },
  {
    name: 'two purchases that exceed the cap together',
    team: 'autoco',
    orders: [
      { type: 'buyComponents', component: 'motor', source: 'cn', qty: 5_000 },
      { type: 'buyComponents', component: 'motor', source: 'cn', qty: 5_000 },
    ],
    code: ErrorCode.OverCapacity,
    path: 'orders.1',
  },
  {
    name: 'an unknown source',
    team: 'autoco',
    orders: [{ type: 'buyComponents', component: 'motor', source: 'us', qty: 1 }],
    code: ErrorCode.UnknownSource,
    path: 'orders.0.source',
  },
  {
    name: 'an unknown component',
    team: 'autoco',
    orders: [{ type: 'buyComponents', component: 'warp_core', source: 'cn', qty: 1 }],
    code: ErrorCode.UnknownComponent,
    path: 'orders.0.component',
  },
  {
    name: 'hiring beyond the training slots',
    team: 'autoco',
    orders: [{ type: 'hire', plant: 'le_mans', count: 601 }],
    code: ErrorCode.OverCapacity,
    path: 'orders.0.count',
  },
  {
    name: 'allocating stock the team lacks',
    team: 'army',
    orders: [{ type: 'allocate', front: 'east', product: 'fpv_rf', qty: 1 }],
    code: ErrorCode.NotEnoughStock,
    path: 'orders.0',
  },
  {
    name: 'allocating to an unknown front',
    team: 'army',
    orders: [{ type: 'allocate', front: 'west', product: 'fpv_rf', qty: 1 }],
    code: ErrorCode.UnknownFront,
    path: 'orders.0.front',
  },
  {
    name: 'a Blue team striking a plant',
    team: 'army',
    orders: [{ type: 'strike', plant: 'le_mans' }],
    code: ErrorCode.WrongTeamKind,
    path: 'orders.0.type',
  },
  {
    name: 'transferring to itself',
    team: 'dga',
    orders: [{ type: 'transfer', to: 'dga', item: 'fpv_rf', qty: 1 }],
    code: ErrorCode.SelfDealing,
    path: 'orders.0.to',
  },
  {
    name: 'buying an offer that does not exist',
    team: 'dga',
    orders: [{ type: 'buyMarketOffer', offer: 'nothing', qty: 1 }],
    code: ErrorCode.UnknownOffer,
    path: 'orders.0.offer',
  },
];

describe('order validation', () => {
  const d = new Driver(tutorial).toPlanning();
  it.each(cases)('rejects $name with $code', ({ team, orders, code, path }) => {
    const v = validateOrders(tutorial, d.game, team, orders);
    expect(v).toMatchObject({ ok: false, code, path });
    expect(v?.message.length).toBeGreaterThan(5);
  });

  it('accepts a sensible submission', () => {
    const orders: Order[] = [
      {
        type: 'convertLine',
        plant: 'le_mans',
        line: 'line_a',
        product: 'fpv_rf',
        template: 'simple_assembly',
      },
      { type: 'buyComponents', component: 'motor', source: 'cn', qty: 8_000 },
      { type: 'hire', plant: 'le_mans', count: 50 },
    ];
    expect(validateOrders(tutorial, d.game, 'autoco', orders)).toBeNull();
  });

  it('refuses subsidies while the lever is off', () => {
    const s = variant(tutorial, (x) => (x.levers.subsidies = false));
    const game = new Driver(s).toPlanning().game;
    const v = validateOrders(s, game, 'dga', [
      { type: 'budget', to: 'autoco', amount: 1, purpose: 'subsidy' },
    ]);
    expect(v).toMatchObject({ code: ErrorCode.LeverDisabled, path: 'orders.0.purpose' });
  });

  it('a rejected submission changes nothing', () => {
    const before = JSON.stringify(d.state);
    const r = d.try({ role: 'team', team: 'dga' }, { type: 'submitOrders', orders: cases[2]!.orders });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(d.state)).toBe(before);
  });
});
