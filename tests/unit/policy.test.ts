import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkPolicy, fireFlags, parsePolicyText } from '@arsenal/shared';
import { simulate } from '../../server/src/cli/simulate.ts';
import { bundled } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');

describe('facilitator policies in the simulator (defect 11)', () => {
  it('fires a facilitator-only inject in the month the policy says, and only then', () => {
    const fired = simulate(flagship, 3, 4, { actions: [{ month: 2, fireInject: 'summit' }] });
    const plain = simulate(flagship, 3, 4);
    expect(fired.rejected).toEqual([]);
    const g = fired.state.context.game;
    expect(g.firedInjects).toContain('summit');
    expect(g.activeInjects.find((a) => a.inject === 'summit')?.startMonth).toBe(2);
    expect(g.levers.multiYear).toBe(true);
    expect(plain.state.context.game.firedInjects).not.toContain('summit');
    expect(plain.state.context.game.levers.multiYear).toBe(false);
  });

  it('is deterministic: the same policy and seed give the same final state', () => {
    const policy = { actions: [{ month: 1, fireInject: 'summit' }] };
    expect(simulate(flagship, 5, 3, policy).hash).toBe(simulate(flagship, 5, 3, policy).hash);
  });

  it('reads INJECT@MONTH flags and policy files, and names what is wrong with a path', () => {
    expect(fireFlags(['summit@5'])).toEqual([{ month: 5, fireInject: 'summit' }]);
    expect(fireFlags(['summit'])).toMatch(/INJECT@MONTH/);
    const r = parsePolicyText(
      'actions:\n  - { month: 30, fireInject: nothing }\n  - { month: 1, fireInject: 7 }\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('actions.1');
    const p = parsePolicyText('actions:\n  - { month: 30, fireInject: nothing }\n');
    expect(p.ok).toBe(true);
    if (p.ok)
      expect(checkPolicy(flagship, p.policy).map((e) => e.path)).toEqual([
        'actions.0.month',
        'actions.0.fireInject',
      ]);
  });

  it('npm run simulate takes --policy and --fire', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'actions:\n  - { month: 1, fireInject: summit }\n');
    const run = (...args: string[]) =>
      execFileSync(
        'npx',
        ['tsx', 'server/src/cli/simulate.ts', '--turns', '1', '--format', 'json', ...args],
        {
          encoding: 'utf8',
        },
      );
    const withFile = JSON.parse(run('--policy', file).trim()) as { money: Record<string, number> };
    const withFlag = JSON.parse(run('--fire', 'summit@1').trim()) as { money: Record<string, number> };
    expect(withFile).toEqual(withFlag);
    const inProcess = simulate(flagship, 1, 1, { actions: [{ month: 1, fireInject: 'summit' }] }).months[0];
    expect(withFile).toEqual(JSON.parse(JSON.stringify(inProcess)));
  });
});
