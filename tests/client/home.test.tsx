// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScenarioUpload } from '../../client/src/screens/home/ScenarioUpload.tsx';
import { JoinForm } from '../../client/src/screens/home/JoinForm.tsx';
import { renderIn } from './render.tsx';

const tutorialText = readFileSync(join(import.meta.dirname, '../../shared/scenarios/tutorial.yaml'), 'utf8');
const file = (text: string, name = 'scenario.yaml') => new File([text], name, { type: 'text/yaml' });

afterEach(cleanup);

describe('scenario upload', () => {
  it('lists what is wrong with a file by its place in the file', async () => {
    const onChange = vi.fn();
    renderIn(<ScenarioUpload onChange={onChange} />);
    const broken = tutorialText.replace('owner: autoco', 'owner: nobody').replace('turns: 6', 'turns: 0');
    await userEvent.upload(screen.getByLabelText('Scenario file (YAML or JSON)'), file(broken));
    await screen.findByRole('alert');
    expect(screen.getByText('meta.turns')).toBeInTheDocument();
    expect(screen.getByLabelText('Scenario file (YAML or JSON)')).toHaveAttribute('aria-invalid', 'true');
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('accepts a valid file and names its teams for the seat list', async () => {
    const onChange = vi.fn();
    renderIn(<ScenarioUpload onChange={onChange} />);
    await userEvent.upload(screen.getByLabelText('Scenario file (YAML or JSON)'), file(tutorialText));
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        expect.objectContaining({ title: 'Tutorial: Le Mans converts' }),
      ),
    );
    expect(onChange.mock.lastCall![0].teams.map((t: { id: string }) => t.id)).toEqual([
      'dga',
      'autoco',
      'army',
    ]);
    expect(screen.getByText('“Tutorial: Le Mans converts”: 3 teams, 6 months. Ready.')).toBeInTheDocument();
  });

  it('reports a reference to an unknown id with its path', async () => {
    renderIn(<ScenarioUpload onChange={() => {}} />);
    await userEvent.upload(
      screen.getByLabelText('Scenario file (YAML or JSON)'),
      file(tutorialText.replace('owner: autoco', 'owner: nobody')),
    );
    await screen.findByText('plants.0.owner');
    expect(screen.getByText('unknown team "nobody"')).toBeInTheDocument();
  });
});

describe('join form', () => {
  it('checks the shape of a code before asking the server', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    renderIn(<JoinForm />);
    await userEvent.type(screen.getByLabelText('Join code'), 'K7M2-Q9XW');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(screen.getByText('A join code has twelve letters and digits.')).toBeInTheDocument();
    expect(screen.getByLabelText('Join code')).toHaveAttribute('aria-invalid', 'true');
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});
