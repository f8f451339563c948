import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from '../../client/src/navigation/routes.ts';
import { joinUrl } from '../../client/src/screens/home/SeatCodes.tsx';

/**
 * Issue 13, item 18: a join code printed in a seat card's link or QR code travels in the URL's
 * fragment, which browsers never send to a server (so no server or proxy log holds it), and the join
 * page reads it from there.
 */
describe('join links', () => {
  const code = 'K7Q-2MX-94T';

  it('carry the code in the fragment, never in the path or the query', () => {
    const link = new URL(joinUrl({ joinLink: 'https://arsenal.example/join' }, code));
    expect(link.pathname).toBe('/join');
    expect(link.search).toBe('');
    expect(link.hash).toBe(`#code=${code}`);
    // what a browser sends in its request line: origin, path and query only
    expect(`${link.origin}${link.pathname}${link.search}`).not.toContain(code);
    const path = pathOf({ page: 'join', code });
    expect(path.split('#')[0]).toBe('/join');
  });

  it('are read back by the join page, from the fragment (and, for old links, the query)', () => {
    const link = new URL(joinUrl({ joinLink: 'https://arsenal.example/join' }, code));
    expect(parseRoute(link.pathname, link.search, link.hash)).toEqual({ page: 'join', code });
    expect(parseRoute('/join', `?code=${code}`, '')).toEqual({ page: 'join', code });
    expect(
      parseRoute(
        pathOf({ page: 'join', code }).split('#')[0]!,
        '',
        `#${pathOf({ page: 'join', code }).split('#')[1]}`,
      ),
    ).toEqual({
      page: 'join',
      code,
    });
  });
});
