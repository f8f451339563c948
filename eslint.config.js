// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

/**
 * Layers, lowest first: a folder may import its own layer and those below it, never one above. Each
 * entry is a folder (or a list of peer folders) under `base`. `npm run lint` fails on an arrow that runs
 * the wrong way; tests/unit/layers.test.ts proves that it does.
 */
function layers(base, order, why) {
  const entries = order.map((entry) => [entry].flat());
  return entries.flatMap((targets, i) => {
    const below = entries.slice(0, i + 1).flat();
    return entries
      .slice(i + 1)
      .flat()
      .flatMap((from) => {
        // A file that belongs to a lower layer than its folder (realtime/presence.ts) stays importable.
        const except = below
          .filter((b) => b.startsWith(`${from}/`))
          .map((b) => `./${b.slice(from.length + 1)}`);
        return targets.map((target) => ({
          target: `./${base}/${target}`,
          from: `./${base}/${from}`,
          ...(except.length > 0 ? { except } : {}),
          message: why,
        }));
      });
  });
}

/** Node's built-in modules by their bare names (`fs`, `path`…), for `no-restricted-imports`. */
const nodeBuiltins = (message) => builtinModules.map((name) => ({ name, message }));

const SHARED = [
  'util',
  ['schema/bounds.ts', 'schema/codes.ts', 'schema/commands.ts', 'schema/scenario.ts', 'schema/text.ts'],
  // Messages and their rendering in each language: the engine records messages, never text.
  'narration',
  'engine',
  // The scenario checker applies engine rules (which template makes which product).
  'schema/validate.ts',
  'exercise',
  'machine',
  'views',
  'bots',
  'protocol',
  'report',
  'replay',
  'balance',
  'index.ts',
];
const CLIENT = [['adapters', 'api', 'i18n', 'navigation'], 'realtime', 'ui', 'screens', 'app', 'main.tsx'];
const SERVER = [
  ['config.ts', 'logger.ts', 'clock.ts', 'shared.ts'],
  ['store', 'security', 'scenarios', 'workers'],
  // Presence counts sockets but is read by sessions (exports) as well: it sits beside them. The
  // socket's data and the HTTP failure shapes are read by the cluster, which sits below realtime/http.
  ['sessions', 'realtime/presence.ts', 'realtime/socket-data.ts', 'http/failure.ts'],
  // Leases, the bus and forwarding: used by realtime and http, never the other way.
  'cluster',
  'realtime',
  'http',
  'replay',
  'app.ts',
  ['main.ts', 'cli'],
];

/** The layers of each package, for tests/bench/structure.ts (which counts arrows that run upwards). */
export const LAYERS = { 'shared/src': SHARED, 'client/src': CLIENT, 'server/src': SERVER };

const zones = [
  ...layers('shared/src', SHARED, 'shared/src layers (see README, Repository layout) import only downwards.'),
  ...layers(
    'client/src',
    CLIENT,
    'client/src layers import only downwards: screens and ui do not reach app/.',
  ),
  ...layers('server/src', SERVER, 'server/src layers import only downwards; app.ts is the composition root.'),
  { target: './shared', from: ['./server', './client'], message: 'shared/ depends on nothing above it.' },
  {
    target: './client',
    from: './server',
    message: 'The client talks to the server over HTTP and sockets only.',
  },
  { target: './server', from: './client', message: 'The server does not import the client.' },
];

const impure = [
  { object: 'Date', property: 'now', message: 'The engine is pure: time enters as data (log entry `at`).' },
  { object: 'Math', property: 'random', message: 'Use the seeded PRNG in the exercise state.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'artifacts/**',
      'shared/scenarios/*.schema.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['{shared,server,client}/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver()],
      // no-cycle reads the imported files themselves: they are TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Layering: shared/ is pure TypeScript that runs in the browser, the server and tests alike.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins('shared/ must not do I/O (it runs in the browser too).'),
          patterns: [
            { group: ['node:*'], message: 'shared/ must not do I/O (it runs in the browser too).' },
            {
              group: ['express', 'socket.io', 'better-sqlite3', 'react', 'react-dom'],
              message: 'shared/ must not depend on server or client frameworks.',
            },
            {
              group: ['@arsenal/server', '@arsenal/client', '@arsenal/shared', '@arsenal/shared/*'],
              message: 'shared/ depends on nothing above it, and imports itself by relative paths.',
            },
          ],
        },
      ],
      'no-restricted-properties': ['error', ...impure],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'No timers in shared/: deadlines are data.' },
        { name: 'setInterval', message: 'No timers in shared/.' },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins('The client runs in a browser.'),
          patterns: [
            { group: ['node:*'], message: 'The client runs in a browser.' },
            {
              group: ['express', 'socket.io', 'better-sqlite3', 'pg', 'helmet', '@arsenal/server'],
              message: 'The client does not import server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
