// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NewsList } from '../../client/src/screens/common/NewsList.tsx';
import { bundled, Driver } from '../helpers/scenarios.ts';
import { renderIn } from './render.tsx';

const tutorial = bundled('tutorial');

describe('narration in the reader’s language', () => {
  afterEach(cleanup);
  // A real month of the tutorial: the front loses ground and the engine says so with its figures.
  const news = new Driver(tutorial).toPlanning().endMonth().game.news;
  const front = news.find((n) => n.kind === 'front')!;

  it('tells an engine event in French from its key and figures, written the French way', () => {
    renderIn(<NewsList news={[front]} />, 'fr');
    expect(screen.getByText(/Blue perd du terrain/).textContent).toContain(
      'Eastern sector (Donbas) : Blue perd du terrain (feux 900 contre 1\u202f400, rapport 0,64).',
    );
  });

  it('keeps the engine’s English in English, and for events without a key', () => {
    renderIn(
      <NewsList news={[front, { month: 1, kind: 'custom', text: 'Ad hoc: the minister resigns' }]} />,
      'en',
    );
    expect(front.text).toContain('fires 900 vs 1400, ratio 0.64');
    expect(screen.getByText(/Blue loses ground/).textContent).toContain('fires 900 vs 1,400, ratio 0.64');
    expect(screen.getByText(/the minister resigns/)).toBeInTheDocument();
  });
});
