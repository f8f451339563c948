// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { Tabs } from '../../client/src/ui/Tabs.tsx';
import { renderIn } from './render.tsx';

afterEach(cleanup);

function Three() {
  const [tab, setTab] = useState<'a' | 'b' | 'c'>('a');
  return (
    <Tabs
      label="Sections"
      active={tab}
      onChange={setTab}
      tabs={[
        { id: 'a', label: 'Alpha', render: () => <p>first</p> },
        { id: 'b', label: 'Beta', badge: 2, render: () => <p>second</p> },
        { id: 'c', label: 'Gamma', render: () => <p>third</p> },
      ]}
    />
  );
}

it('moves between tabs with the arrow, Home and End keys, one tab stop for the list', async () => {
  renderIn(<Three />);
  const alpha = screen.getByRole('tab', { name: 'Alpha' });
  expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  alpha.focus();
  await userEvent.keyboard('{ArrowRight}');
  expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^Beta/ }));
  expect(screen.getByRole('tabpanel').textContent).toBe('second');
  await userEvent.keyboard('{End}');
  expect(screen.getByRole('tab', { name: 'Gamma' })).toHaveAttribute('aria-selected', 'true');
  await userEvent.keyboard('{ArrowRight}');
  expect(document.activeElement).toBe(alpha);
  await userEvent.keyboard('{ArrowLeft}{Home}');
  expect(screen.getByRole('tabpanel').textContent).toBe('first');
  expect(screen.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', alpha.id);
});
