import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The end-to-end tests drive Debian's Chromium (never a downloaded browser). `npm test` runs this
 * first: with Chromium present it does nothing; as root with apt-get (CI, a fresh machine) it installs
 * the package; otherwise it says the one command to run.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function main() {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian’s chromium package for the end-to-end tests…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(CHROMIUM)) return;
  }
  console.error(
    `The end-to-end tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`,
  );
  console.error('(or set CHROMIUM_PATH to another Chromium binary).');
  process.exit(1);
}

main();
