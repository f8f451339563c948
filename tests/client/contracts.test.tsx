// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractsPanel } from '../../client/src/screens/team/contracts/ContractsPanel.tsx';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';
import { fakeExercise, renderIn, teamView } from './render.tsx';

const tutorial = bundled('tutorial');
const terms = {
  product: 'fpv_rf',
  qty: 3000,
  unitPrice: 700,
  type: 'spot',
  rating: 'none',
  months: 3,
  startsIn: 0,
  advancePct: 10,
  penaltyPerUnitLate: 0,
  cancelFeePct: 0,
} as const;

afterEach(cleanup);

function panel(d: Driver, team: string) {
  const view = teamView(d, team);
  const ex = fakeExercise(tutorial, view);
  renderIn(<ContractsPanel ex={ex} view={view} scenario={tutorial} team={team} />);
  return ex;
}

describe('contracts', () => {
  it('explains, on the field, that multi-year contracts are not enabled yet', async () => {
    panel(new Driver(tutorial).toPlanning(), 'dga');
    await userEvent.click(screen.getByRole('button', { name: 'Offer a contract' }));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'multiYear');
    const kind = screen.getByLabelText('Kind');
    expect(kind).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Multi-year contracts are not enabled yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send the offer' })).toBeDisabled();
  });

  it('refuses an advance the buyer cannot pay', async () => {
    panel(new Driver(tutorial).toPlanning(), 'dga');
    await userEvent.click(screen.getByRole('button', { name: 'Offer a contract' }));
    const qty = screen.getByLabelText('Quantity');
    await userEvent.clear(qty);
    await userEvent.type(qty, '100000');
    const advance = screen.getByLabelText('Advance (%)');
    await userEvent.clear(advance);
    await userEvent.type(advance, '100');
    expect(advance).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^The buyer cannot pay the .* advance\.$/)).toBeInTheDocument();
  });

  it('sends an offer with complete terms', async () => {
    const ex = panel(new Driver(tutorial).toPlanning(), 'dga');
    await userEvent.click(screen.getByRole('button', { name: 'Offer a contract' }));
    await userEvent.selectOptions(screen.getByLabelText('With'), 'autoco');
    await userEvent.click(screen.getByRole('button', { name: 'Send the offer' }));
    expect(ex.send).toHaveBeenCalledTimes(1);
    const [cmd] = ex.send.mock.calls[0]!;
    expect(cmd).toMatchObject({
      type: 'offerContract',
      counterparty: 'autoco',
      as: 'buyer',
      terms: { product: 'fpv_rf', type: 'spot', rating: 'none' },
    });
  });

  it('lets the other side accept, re-checking the contract if the view moved on', async () => {
    const d = new Driver(tutorial)
      .toPlanning()
      .do(teamActor('dga'), { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms });
    const ex = panel(d, 'autoco');
    expect(screen.getByRole('heading', { name: /Awaiting your answer/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    const [cmd, opts] = ex.send.mock.calls[0]!;
    expect(cmd).toEqual({ type: 'acceptContract', contract: 'c1' });
    // the re-check passes on the same view and fails once the contract changed
    const view = teamView(d, 'autoco');
    expect(opts.recheck(view)).toBe(true);
    const countered = structuredClone(view);
    countered.contracts[0]!.terms.unitPrice = 900;
    expect(opts.recheck(countered)).toBe(false);
  });
});
