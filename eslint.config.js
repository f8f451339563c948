// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'crypto', 'os', 'child_process'],
              message: 'shared/ must not do I/O.',
            },
            {
              group: ['express', 'socket.io', 'better-sqlite3', 'react', 'react-dom'],
              message: 'shared/ must not depend on server or client frameworks.',
            },
            {
              group: ['**/server/**', '**/client/**', '@arsenal/server', '@arsenal/client'],
              message: 'shared/ depends on nothing above it.',
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
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
