import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of eslint.config.js, run on code that breaks them. Each case lints `code` as if
 * it were the file at `file` (a real path, so that imports resolve against the real tree) and expects
 * the named rule to fire; the last cases are the same imports in the allowed direction.
 */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint holds the layers', () => {
  it.each([
    ['the engine imports the machine', 'shared/src/engine/fronts.ts', "import '../machine/exercise.ts';"],
    ['the engine imports the views', 'shared/src/engine/fronts.ts', "import '../views/views.ts';"],
    ['a schema imports the engine', 'shared/src/schema/codes.ts', "import '../engine/lookup.ts';"],
    ['the machine imports the bots', 'shared/src/machine/override.ts', "import '../bots/index.ts';"],
    ['the views import the replay', 'shared/src/views/views.ts', "import '../replay/fork.ts';"],
    ['shared imports the server', 'shared/src/replay/fork.ts', "import '../../../server/src/config.ts';"],
    ['a screen imports app/', 'client/src/screens/home/HomePage.tsx', "import '../../app/App.tsx';"],
    ['ui/ imports a screen', 'client/src/ui/Notice.tsx', "import '../screens/home/HomePage.tsx';"],
    ['i18n imports a screen', 'client/src/i18n/en.ts', "import '../screens/replay/api.ts';"],
    ['the client imports the server', 'client/src/api/http.ts', "import '../../../server/src/logger.ts';"],
    ['the server imports the client', 'server/src/logger.ts', "import '../../client/src/i18n/format.ts';"],
    ['the store imports a session', 'server/src/store/store.ts', "import '../sessions/session.ts';"],
    ['a session imports the HTTP layer', 'server/src/sessions/session.ts', "import '../http/api.ts';"],
    ['a session imports the cluster', 'server/src/sessions/session.ts', "import '../cluster/cluster.ts';"],
    ['the cluster imports realtime', 'server/src/cluster/cluster.ts', "import '../realtime/socket.ts';"],
  ])('%s: import-x/no-restricted-paths', async (_case, file, code) => {
    expect(await rulesFired(file, code)).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['shared imports node:fs', 'shared/src/engine/fronts.ts', "import 'node:fs';"],
    ['shared imports fs', 'shared/src/machine/override.ts', "import 'fs';"],
    ['shared imports itself by package name', 'shared/src/replay/fork.ts', "import '@arsenal/shared';"],
    ['the client imports node:crypto', 'client/src/api/http.ts', "import 'node:crypto';"],
    ['the client imports express', 'client/src/api/http.ts', "import 'express';"],
  ])('%s: no-restricted-imports', async (_case, file, code) => {
    expect(await rulesFired(file, code)).toContain('no-restricted-imports');
  });

  it('an import cycle: import-x/no-cycle', async () => {
    // production.ts imports lookup.ts; a lookup.ts that imported production.ts back closes a cycle
    // inside one layer, which the layer rule alone would let through.
    const fired = await rulesFired(
      'shared/src/engine/lookup.ts',
      "export { batchCost } from './production.ts';",
    );
    expect(fired).toContain('import-x/no-cycle');
    expect(fired).not.toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['the machine imports the engine', 'shared/src/machine/override.ts', "import '../engine/lookup.ts';"],
    ['the views import exercise types', 'shared/src/views/views.ts', "import '../exercise/types.ts';"],
    [
      'the scenario checker imports an engine rule',
      'shared/src/schema/validate.ts',
      "import '../engine/templates.ts';",
    ],
    ['a session imports presence', 'server/src/sessions/export.ts', "import '../realtime/presence.ts';"],
    ['a screen imports ui/', 'client/src/screens/home/HomePage.tsx', "import '../../ui/Notice.tsx';"],
    ['the client imports shared', 'client/src/api/http.ts', "import '@arsenal/shared/protocol';"],
  ])('allowed: %s', async (_case, file, code) => {
    expect(await rulesFired(file, code)).toEqual([]);
  });
});
