import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, defaultConfig } from '../../server/src/config.ts';

describe('configuration from the environment', () => {
  it('reads a list of proxies', () => {
    expect(configFromEnv({ TRUST_PROXY: '10.0.0.2, 10.0.1.0/24,loopback' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.0.1.0/24',
      'loopback',
    ]);
  });

  it('keeps every default when nothing is set', () => {
    expect(configFromEnv({})).toEqual(defaultConfig);
  });

  it('counts a variable set to the empty string as unset', () => {
    expect(configFromEnv({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '', TRUST_PROXY: '' })).toEqual(
      defaultConfig,
    );
  });

  it('names every bad variable at once', () => {
    expect(() => configFromEnv({ PORT: 'x', LOG_WRITER: 'disk' })).toThrow(
      /PORT must be a whole number, got "x"; LOG_WRITER must be inline or thread, got "disk"/,
    );
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
      DATABASE_URL: 'postgres://arsenal@db/arsenal',
      REDIS_URL: 'redis://cache:6379',
      NODE_URL: 'http://10.0.0.5:3000/',
      CLUSTER_NAME: 'blue',
      LEASE_MS: '4000',
      DRAIN_MS: '1500',
      DATABASE_TIMEOUT_MS: '2500',
      ALLOWED_HOSTS: 'arsenal.example, other.example',
      CLIENT_DIST: 'dist',
      SCENARIOS_DIR: 'scen',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://arsenal@db/arsenal',
      redisUrl: 'redis://cache:6379',
      nodeUrl: 'http://10.0.0.5:3000',
      clusterName: 'blue',
      leaseMs: 4000,
      drainMs: 1500,
      databaseTimeoutMs: 2500,
      allowedHosts: ['arsenal.example', 'other.example'],
      clientDist: path.resolve('dist'),
      scenariosDir: path.resolve('scen'),
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
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be debug, info, warn, error or silent, got "loud"/],
    [{ LEASE_MS: '1e4' }, /LEASE_MS must be a whole number/],
    [{ DATABASE_TIMEOUT_MS: '0' }, /DATABASE_TIMEOUT_MS must be a whole number above 0, got "0"/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a hop count or the proxies' addresses/],
    [{ TRUST_PROXY: '10.0.0.2/24/8' }, /TRUST_PROXY must be/],
    [{ REDIS_URL: 'redis://cache:6379' }, /REDIS_URL \(several nodes\) needs DATABASE_URL/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});
