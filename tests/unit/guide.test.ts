import { describe, expect, it } from 'vitest';
import { guideProgress, guideStepDone, type GuideStep, type View } from '@arsenal/shared';

/** A team view with only what the guide reads; the rest is left out on purpose. */
function view(over: Partial<View> & { orders?: { type: string }[]; submitted?: boolean }): View {
  const { orders = [], submitted = false, ...rest } = over;
  return {
    phase: 'planning',
    history: [],
    contracts: [],
    teams: [{ id: 'a', submitted }],
    me: { team: { id: 'a' }, orders },
    ...rest,
  } as unknown as View;
}

const steps: GuideStep[] = [
  { id: 'read', hint: 'read', done: { kind: 'planningStarted' } },
  { id: 'convert', hint: 'convert', done: { kind: 'order', type: 'convertLine' } },
  { id: 'send', hint: 'send', done: { kind: 'ordersSent' } },
  { id: 'deal', hint: 'deal', done: { kind: 'contract', status: 'offered' } },
  { id: 'results', hint: 'results', done: { kind: 'published', month: 1 } },
];

describe('guided tutorial steps', () => {
  it.each([
    [{ kind: 'planningStarted' }, view({ phase: 'briefing' }), false],
    [{ kind: 'planningStarted' }, view({ phase: 'review' }), true],
    [{ kind: 'order', type: 'convertLine' }, view({ orders: [{ type: 'hire' }] }), false],
    [{ kind: 'order', type: 'convertLine' }, view({ orders: [{ type: 'convertLine' }] }), true],
    [{ kind: 'ordersSent' }, view({}), false],
    [{ kind: 'ordersSent' }, view({ submitted: true }), true],
    [
      { kind: 'contract', status: 'offered' },
      view({ contracts: [{ buyer: 'b', seller: 'c', status: 'offered' }] as never }),
      false,
    ],
    [
      { kind: 'contract', status: 'offered' },
      view({ contracts: [{ buyer: 'b', seller: 'a', status: 'active' }] as never }),
      true,
    ],
    [{ kind: 'published', month: 1 }, view({}), false],
    [{ kind: 'published', month: 1 }, view({ history: [{}] as never }), true],
  ] as const)('%o', (check, v, done) => {
    expect(guideStepDone(check as GuideStep['done'], v)).toBe(done);
  });

  it('advances past every step done, in order, and never goes back', () => {
    expect(guideProgress(steps, view({ phase: 'briefing' }))).toBe(0);
    expect(guideProgress(steps, view({}))).toBe(1);
    // the third step holds but the second does not: the hint waits on the second
    expect(guideProgress(steps, view({ submitted: true }))).toBe(1);
    expect(guideProgress(steps, view({ submitted: true, orders: [{ type: 'convertLine' }] }))).toBe(3);
    // orders cleared by publication: from step 4 reached, the player stays there
    expect(guideProgress(steps, view({}), 3)).toBe(3);
    expect(guideProgress(steps, view({ history: [{}] as never, contracts: [] }), 4)).toBe(5);
    expect(guideProgress(steps, view({}), 99)).toBe(5);
  });
});
