import { describe, expect, it } from 'vitest';
import { effect, effectFromEntries, effectKinds } from '@arsenal/shared';

/** The effect picker's kinds and fields are read off the scenario schema's closed set of effects. */
describe('effectKinds', () => {
  it('offers every kind of the effect schema, each field with what it names', () => {
    expect(effectKinds().map((k) => k.type)).toEqual(effect.options.map((o) => o.shape.type.value));
    const money = effectKinds().find((k) => k.type === 'money')!;
    expect(money.fields).toEqual([
      { name: 'team', optional: false, kind: 'ref', ref: 'team' },
      { name: 'delta', optional: false, kind: 'number', integer: false },
    ]);
    const lever = effectKinds().find((k) => k.type === 'unlockLever')!;
    expect(lever.fields[0]).toMatchObject({ kind: 'choice', options: expect.arrayContaining(['subsidies']) });
    const supply = effectKinds().find((k) => k.type === 'componentSupply')!;
    expect(supply.fields.find((f) => f.name === 'capMultiplier')).toMatchObject({ default: 1, min: 0 });
  });
});

describe('effectFromEntries', () => {
  it.each([
    ['money', { team: 'dga', delta: ' 2000000 ' }, { type: 'money', team: 'dga', delta: 2_000_000 }],
    ['redFires', { front: '', multiplier: '0.8' }, { type: 'redFires', multiplier: 0.8 }],
    [
      'componentSupply',
      { component: 'motor', capMultiplier: '', priceMultiplier: '2' },
      { type: 'componentSupply', component: 'motor', capMultiplier: 1, priceMultiplier: 2 },
    ],
    [
      'marketOffer',
      { product: 'fpv', qty: '100', price: '500', deliveryMonths: '2', rivalBids: true, carryOver: false },
      { type: 'marketOffer', product: 'fpv', qty: 100, price: 500, deliveryMonths: 2, rivalBids: true },
    ],
  ] as const)('%s: builds a valid effect', (type, entries, expected) => {
    expect(effectFromEntries(type, entries)).toEqual({ ok: true, effect: expected });
  });

  it.each([
    ['money', { team: 'dga', delta: '' }, 'delta'],
    ['money', { team: 'dga', delta: 'lots' }, 'delta'],
    ['qualificationDelay', { months: '1.5' }, 'months'],
    ['redFires', { multiplier: '-1' }, 'multiplier'],
  ] as const)('%s: refuses %j, naming the field', (type, entries, field) => {
    expect(effectFromEntries(type, entries)).toMatchObject({ ok: false, field });
  });
});
