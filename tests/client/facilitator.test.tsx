// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { viewFor } from '@arsenal/shared';
import { PhaseControls } from '../../client/src/screens/facilitator/PhaseControls.tsx';
import { ReviewPanel } from '../../client/src/screens/facilitator/ReviewPanel.tsx';
import { RoomDisplay } from '../../client/src/screens/display/RoomDisplay.tsx';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';
import { fakeExercise, renderIn } from './render.tsx';

const tutorial = bundled('tutorial');
const facView = (d: Driver) => viewFor(tutorial, d.state, { role: 'facilitator' });
const timer = { planningMinutes: 20, extendMinutes: 5, autoStart: true };

afterEach(cleanup);

describe('facilitator console', () => {
  it.each([
    ['lobby', (d: Driver) => d, ['Start the briefing', 'Start planning', 'Pause', 'End the exercise']],
    [
      'briefing',
      (d: Driver) => d.do(facilitator, { type: 'startBriefing' }),
      ['Start planning', 'Pause', 'End the exercise'],
    ],
    ['planning', (d: Driver) => d.toPlanning(), ['Adjudicate now', 'Pause', 'End the exercise']],
    [
      'review',
      (d: Driver) => d.toPlanning().do(facilitator, { type: 'adjudicate' }),
      ['Publish the month', 'Pause', 'End the exercise'],
    ],
    [
      'paused',
      (d: Driver) => d.toPlanning().do(facilitator, { type: 'pause' }),
      ['Resume', 'End the exercise'],
    ],
    ['finished', (d: Driver) => d.do(facilitator, { type: 'end' }), []],
  ] as const)('offers in %s only the phase moves the machine takes', (phase, to, expected) => {
    const d = to(new Driver(tutorial));
    expect(d.state.phase).toBe(phase);
    const view = facView(d);
    renderIn(
      <PhaseControls ex={fakeExercise(tutorial, view)} view={view} scenario={tutorial} timer={timer} />,
    );
    const buttons = within(screen.getByRole('region', { name: 'Phase' }))
      .queryAllByRole('button')
      .map((b) => b.textContent);
    expect(buttons).toEqual(expected);
  });

  it('will not send an override without a reason, then sends it with one', async () => {
    const d = new Driver(tutorial).toPlanning().do(facilitator, { type: 'adjudicate' });
    const view = facView(d);
    const ex = fakeExercise(tutorial, view);
    renderIn(<ReviewPanel ex={ex} view={view} scenario={tutorial} />);
    const form = screen.getByRole('form', { name: 'Override a figure' });
    await userEvent.selectOptions(within(form).getByLabelText('Team'), 'autoco');
    await userEvent.type(within(form).getByLabelText('New value'), '40000000');
    await userEvent.click(within(form).getByRole('button', { name: 'Override' }));
    expect(within(form).getByText('An override needs a reason (at least 3 characters).')).toBeInTheDocument();
    expect(within(form).getByLabelText('Reason')).toHaveAttribute('aria-invalid', 'true');
    expect(ex.send).not.toHaveBeenCalled();
    await userEvent.type(within(form).getByLabelText('Reason'), 'Union bonus paid');
    await userEvent.click(within(form).getByRole('button', { name: 'Override' }));
    expect(ex.send.mock.calls[0]![0]).toEqual({
      type: 'override',
      target: { kind: 'money', team: 'autoco' },
      value: 40_000_000,
      reason: 'Union bonus paid',
    });
  });
});

describe('room display', () => {
  it('shows the month, who has submitted, and no team’s cash', () => {
    const d = new Driver(tutorial).toPlanning().do(teamActor('autoco'), { type: 'submitOrders', orders: [] });
    const view = viewFor(tutorial, d.state, { role: 'display' });
    const { container } = renderIn(<RoomDisplay view={view} scenario={null} />);
    expect(screen.getByText('February 2025')).toBeInTheDocument();
    const teams = within(screen.getByRole('region', { name: 'Orders in' }));
    expect(
      teams
        .getByText(/AutoCo/)
        .closest('li')!
        .getAttribute('data-submitted'),
    ).toBe('true');
    expect(teams.getByText(/DGA/).closest('li')!).toHaveAttribute('data-submitted', 'false');
    // the DGA's money is public in the tutorial, AutoCo's is not: the display shows neither
    expect(container.textContent).not.toMatch(/€/);
  });
});
