import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, defaultConfig } from '../../server/src/config.ts';

describe('configuration from the environment', () => {
  it('keeps every default when nothing is set', () => {
    expect(configFromEnv({})).toEqual(defaultConfig);
  });

  it('reads the variables the README lists', () => {
    const c = configFromEnv({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: 'some/where',
      ALLOWED_ORIGINS: 'https://a.example/, https://b.example',
      PUBLIC_URL: 'https://arsenal.example/',
      TRUST_PROXY: '1',
      RECOVERY_WINDOW_MS: '5000',
      LOG_WRITER: 'thread',
      COMMIT_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('some/where'),
      allowedOrigins: ['https://a.example', 'https://b.example'],
      publicUrl: 'https://arsenal.example',
      trustProxy: 1,
      recoveryWindowMs: 5000,
      logWriter: 'thread',
      commitIntervalMs: 0,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ COMMIT_INTERVAL_MS: '-5' }, /COMMIT_INTERVAL_MS must be a whole number/],
    [{ COMMIT_INTERVAL_MS: '2.5' }, /COMMIT_INTERVAL_MS must be a whole number/],
    [{ LOG_WRITER: 'disk' }, /LOG_WRITER must be inline or thread/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});
