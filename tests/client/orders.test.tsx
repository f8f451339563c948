// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderEditor } from '../../client/src/screens/team/orders/OrderEditor.tsx';
import { OrdersPanel } from '../../client/src/screens/team/orders/OrdersPanel.tsx';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';
import { fakeExercise, renderIn, teamView } from './render.tsx';

const tutorial = bundled('tutorial');
const convertA = {
  type: 'convertLine',
  plant: 'le_mans',
  line: 'line_a',
  product: 'fpv_rf',
  template: 'simple_assembly',
} as const;

/** Month 1 planning: nothing ordered yet. */
const month1 = () => new Driver(tutorial).toPlanning();

/** Month 3 planning: line A was converted in month 1, is qualifying, and starts producing at this adjudication. */
const month3 = () =>
  new Driver(tutorial)
    .toPlanning()
    .do(teamActor('autoco'), { type: 'submitOrders', orders: [convertA] })
    .endMonth()
    .endMonth();

function editor(
  d: Driver,
  team: string,
  orders: Parameters<typeof OrderEditor>[0]['orders'] = [],
  lang: 'en' | 'fr' = 'en',
) {
  const view = teamView(d, team);
  return renderIn(
    <OrderEditor
      scenario={tutorial}
      view={view}
      team={team}
      orders={orders}
      editing={null}
      onSave={() => {}}
    />,
    lang,
  );
}

beforeEach(() => window.sessionStorage.clear());
afterEach(cleanup);

describe('order editor', () => {
  it('offers only the orders the team kind may give', () => {
    editor(month1(), 'autoco');
    const types = within(screen.getByLabelText('Order'))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(types).toEqual([
      'convertLine',
      'revertLine',
      'setLinePriority',
      'setOutputMode',
      'setShifts',
      'invest',
      'hire',
      'buyComponents',
      'transfer',
    ]);
  });

  it('prices a conversion from the template and the line nameplate', async () => {
    editor(month1(), 'autoco');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'convertLine');
    // €2M fixed + €400 × 3,000 units/month of nameplate
    expect(screen.getByText('Cost: €3.2M')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add to the orders' })).toBeEnabled();
  });

  it('explains over budget before sending, with the figures', async () => {
    editor(month1(), 'dga');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'budget');
    await userEvent.type(screen.getByLabelText('Amount (€)'), '70000000');
    expect(
      screen.getByText('Over budget: these orders cost €70M and the team has €60M.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add to the orders' })).toBeDisabled();
  });

  it('explains a busy line next to the line field', async () => {
    const d = new Driver(tutorial)
      .toPlanning()
      .do(teamActor('autoco'), { type: 'submitOrders', orders: [convertA] })
      .endMonth();
    editor(d, 'autoco');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'convertLine');
    const line = screen.getByLabelText('Line');
    expect(line).toHaveAttribute('aria-invalid', 'true');
    expect(line).toHaveAccessibleDescription(/Line busy: Chassis line A is retooling now\.$/);
  });

  it('refuses more components than a source can supply this month, on the quantity field', async () => {
    editor(month1(), 'autoco');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'buyComponents');
    await userEvent.type(screen.getByLabelText('Quantity'), '10000');
    const qty = screen.getByLabelText('Quantity');
    expect(qty).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Only 9000 Brushless motor can be had from CN this month.')).toBeInTheDocument();
  });

  it('knows of embargoes from the view before the server does', async () => {
    const d = month1();
    const view = teamView(d, 'autoco');
    view.supply.embargoes['motor/cn'] = view.month + 2;
    renderIn(
      <OrderEditor
        scenario={tutorial}
        view={view}
        team="autoco"
        orders={[]}
        editing={null}
        onSave={() => {}}
      />,
    );
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'buyComponents');
    await userEvent.type(screen.getByLabelText('Quantity'), '100');
    expect(screen.getByLabelText('Source')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('CN Brushless motor is under embargo.')).toBeInTheDocument();
  });

  it('says a quantity is required once the field was left empty', async () => {
    editor(month1(), 'autoco');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'hire');
    await userEvent.click(screen.getByLabelText('People'));
    await userEvent.tab();
    expect(screen.getByText('Required.')).toBeInTheDocument();
  });

  it('speaks French', async () => {
    editor(month1(), 'dga', [], 'fr');
    await userEvent.selectOptions(screen.getByLabelText('Ordre'), 'budget');
    await userEvent.type(screen.getByLabelText('Montant (€)'), '70000000');
    expect(
      screen.getByText(/^Budget dépassé : ces ordres coûtent 70\sM\s€ et l’équipe dispose de 60\sM\s€\.$/),
    ).toBeInTheDocument();
  });
});

describe('orders panel', () => {
  it('warns of missing components for a line about to produce', () => {
    const d = month3();
    const view = teamView(d, 'autoco');
    renderIn(<OrdersPanel ex={fakeExercise(tutorial, view)} view={view} scenario={tutorial} team="autoco" />);
    expect(screen.getByText(/^Missing components/)).toBeInTheDocument();
    // ramp step 1 is 8% of 3,000 = 240 drones, 4 motors each
    expect(
      screen.getByText(
        'Chassis line A (Le Mans mechanical plant) needs 960 Brushless motor; 0 in stock or arriving in time.',
      ),
    ).toBeInTheDocument();
  });

  it('adds an order to the draft and submits the whole draft', async () => {
    const d = month1();
    const view = teamView(d, 'autoco');
    const ex = fakeExercise(tutorial, view);
    renderIn(<OrdersPanel ex={ex} view={view} scenario={tutorial} team="autoco" />);
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'convertLine');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the orders' }));
    expect(
      screen.getByText(
        'Convert Chassis line A at Le Mans mechanical plant to FPV drone (radio link) (Simple assembly in an existing plant (template A))',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Orders cost €3.2M')).toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add another order' }));
    await userEvent.click(screen.getByRole('button', { name: 'Submit the orders (1)' }));
    expect(ex.send).toHaveBeenCalledTimes(1);
    // written on no earlier set this month (version 0)
    expect(ex.send.mock.calls[0]![0]).toEqual({ type: 'submitOrders', orders: [convertA], basedOn: 0 });
  });

  it('keeps an unsent draft across a reload of the page', async () => {
    const d = month1();
    const view = teamView(d, 'autoco');
    const first = renderIn(
      <OrdersPanel ex={fakeExercise(tutorial, view)} view={view} scenario={tutorial} team="autoco" />,
    );
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'convertLine');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the orders' }));
    first.unmount();
    renderIn(<OrdersPanel ex={fakeExercise(tutorial, view)} view={view} scenario={tutorial} team="autoco" />);
    expect(screen.getByText('You have changes that are not sent yet.')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
  });

  it('shows a refusal from the server in the reader’s language', async () => {
    const d = month1();
    const view = teamView(d, 'army');
    const ex = fakeExercise(tutorial, view, {
      ok: false,
      code: 'phase/not_allowed',
      message: '"submitOrders" is not allowed during review.',
    });
    renderIn(<OrdersPanel ex={ex} view={view} scenario={tutorial} team="army" />, 'fr');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer les ordres (0)' }));
    expect(await screen.findByText('Impossible dans cette phase.')).toBeInTheDocument();
  });
});

describe('template and product pairs (defect 5)', () => {
  const flagship = bundled('france-2025');
  const options = (label: string) =>
    within(screen.getByLabelText(label))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'))
      .filter(Boolean);

  function flagshipEditor() {
    const d = new Driver(flagship).toPlanning();
    renderIn(
      <OrderEditor
        scenario={flagship}
        view={teamView(d, 'carmaker')}
        team="carmaker"
        orders={[]}
        editing={null}
        onSave={() => {}}
      />,
      'en',
    );
  }

  it('a conversion offers the products the plant can be converted to, then only the templates that make the chosen one', async () => {
    flagshipEditor();
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'convertLine');
    expect(options('Product')).not.toContain('nc_propellant');
    expect(options('Product')).not.toContain('shell_155');
    await userEvent.selectOptions(screen.getByLabelText('Product'), 'chorus');
    expect(options('Template')).toEqual(['airframe_b']);
    await userEvent.selectOptions(screen.getByLabelText('Product'), 'fpv_rf');
    expect(options('Template')).toEqual(['assembly_a']);
  });

  it('an investment offers only the products its template can make', async () => {
    flagshipEditor();
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'invest');
    await userEvent.selectOptions(screen.getByLabelText('Template'), 'drone_line');
    expect(options('Product')).toEqual(['fpv_rf', 'fpv_fibre', 'colibri', 'interceptor']);
  });
});
