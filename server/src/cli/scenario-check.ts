/**
 * `npm run scenario:check -- FILE [FILE...]`: validate scenario files (YAML or JSON).
 *
 * Prints `ok` for a valid file, or one `path: message` line per problem. With several files every
 * line is prefixed with the file name. Exit code: 0 all valid, 1 some file is invalid, 2 usage error
 * or a file that cannot be read (which wins over 1, since the check did not run).
 */
import { readFile } from 'node:fs/promises';
import { parseScenarioText } from '@arsenal/shared';

const USAGE = 'usage: npm run scenario:check -- FILE [FILE...]';

const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

function readError(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  return READ_ERRORS[code] ?? (e instanceof Error ? e.message : 'unreadable');
}

/** Checks the files and returns the exit code; output goes through the two writers. */
async function checkFiles(
  files: readonly string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  if (files.length === 0 || files.some((f) => f === '-h' || f === '--help')) {
    err(USAGE);
    return EXIT.usage;
  }
  const prefix = (file: string) => (files.length > 1 ? `${file}: ` : '');
  let code: number = EXIT.ok;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      err(`${file}: cannot read file: ${readError(e)}`);
      code = EXIT.usage;
      continue;
    }
    const result = parseScenarioText(text);
    if (result.ok) {
      out(`${prefix(file)}ok`);
      continue;
    }
    for (const e of result.errors) out(`${prefix(file)}${e.path}: ${e.message}`);
    if (code === EXIT.ok) code = EXIT.invalid;
  }
  return code;
}

const code = await checkFiles(
  process.argv.slice(2),
  (line) => console.log(line),
  (line) => console.error(line),
);
process.exitCode = code;
