// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NewsList } from '../../client/src/screens/common/NewsList.tsx';
import { namesFor } from '../../client/src/ui/names.ts';
import { bundled, Driver } from '../helpers/scenarios.ts';
import { renderIn } from './render.tsx';

const tutorial = bundled('tutorial');
const names = namesFor(tutorial, null);

describe('narration in the reader’s language', () => {
  afterEach(cleanup);
  // A real month of the tutorial: the front loses ground and the engine says so with its figures.
  const news = new Driver(tutorial).toPlanning().endMonth().game.news;
  const front = news.find((n) => n.kind === 'front')!;

  it('tells an engine event in French from its key and figures, written the French way', () => {
    renderIn(<NewsList news={[front]} names={names} />, 'fr');
    // Numbers in the French way (narrow no-break space between thousands, decimal comma): issue 11.
    expect(screen.getByText(/perd du terrain/).textContent).toBe(
      'front Eastern sector (Donbas) : Europe perd du terrain (feux 900 contre 1\u202f400, rapport 0,64).',
    );
  });

  it('tells it in English with English figures, and tags each event by its kind', () => {
    renderIn(<NewsList news={[front]} names={names} />, 'en');
    expect(screen.getByText(/loses ground/).textContent).toBe(
      'front Eastern sector (Donbas): Europe loses ground (fires 900 vs 1,400, ratio 0.64).',
    );
  });
});
