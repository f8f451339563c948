import { useSyncExternalStore } from 'react';

/**
 * The client's pages. The server links to `/x/:id/facilitator#token=…` and `/join` (shared
 * `ROUTES`); seat cards link to `/join#code=…` (in the fragment, which never reaches a server or its
 * logs; `?code=` is still read) and answers every other path with index.html, so the browser URL is the whole state of
 * navigation: a reload lands on the same page and the same seat.
 */
export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string }
  | { page: 'facilitator'; exerciseId: string }
  | { page: 'sheet'; exerciseId: string }
  | { page: 'team'; exerciseId: string; team: string }
  | { page: 'observer'; exerciseId: string }
  | { page: 'display'; exerciseId: string }
  /** The replay viewer: of an exercise on the server (facilitator), or of a file opened in the browser. */
  | { page: 'replay'; exerciseId: string | null }
  | { page: 'notFound' };

const ID = '([A-Za-z0-9_-]{1,64})';

export function parseRoute(pathname: string, search: string, hash = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/join') {
    const code =
      new URLSearchParams(hash.replace(/^#/, '')).get('code') ?? new URLSearchParams(search).get('code');
    return { page: 'join', code: code ?? '' };
  }
  if (path === '/replay') return { page: 'replay', exerciseId: null };
  const x = new RegExp(`^/x/${ID}/(facilitator|sheet|observer|display|replay|team/${ID})$`).exec(path);
  if (!x) return { page: 'notFound' };
  const exerciseId = x[1]!;
  const rest = x[2]!;
  if (rest.startsWith('team/')) return { page: 'team', exerciseId, team: x[3]! };
  return { page: rest as 'facilitator' | 'sheet' | 'observer' | 'display' | 'replay', exerciseId };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'home':
    case 'notFound':
      return '/';
    case 'join':
      return route.code ? `/join#code=${encodeURIComponent(route.code)}` : '/join';
    case 'team':
      return `/x/${route.exerciseId}/team/${route.team}`;
    case 'replay':
      return route.exerciseId ? `/x/${route.exerciseId}/replay` : '/replay';
    default:
      return `/x/${route.exerciseId}/${route.page}`;
  }
}

const listeners = new Set<() => void>();
let current = '';
let cached: Route = { page: 'home' };

function snapshot(): Route {
  const key = window.location.pathname + window.location.search + window.location.hash;
  if (key !== current) {
    current = key;
    cached = parseRoute(window.location.pathname, window.location.search, window.location.hash);
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(route: Route, replace = false): void {
  const url = pathOf(route);
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const l of listeners) l();
  window.scrollTo?.(0, 0);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, () => cached);
}
