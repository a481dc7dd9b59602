import { ConfigError, loadConfig } from './app-config.js';

describe('TRUST_PROXY', () => {
  const trustProxyOf = (value: string | undefined) => loadConfig({ TRUST_PROXY: value }).trustProxy;

  it('trusts no proxy unless told', () => {
    expect(trustProxyOf(undefined)).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
  });

  it('takes true, a hop count, or proxy addresses and CIDRs', () => {
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('10.0.0.0/8, 127.0.0.1,::1')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
  });

  it.each(['proxy.local', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/9', 'true,1.2.3.4'])(
    'refuses "%s" at start-up, naming the variable',
    (value) => {
      expect(() => trustProxyOf(value)).toThrow(ConfigError);
      expect(() => trustProxyOf(value)).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('DATABASE_REPLICA_URLS', () => {
  const primary = 'postgres://primary/registry';

  it('takes comma-separated postgres URLs, with the lag limit defaulting to 5000 ms', () => {
    const config = loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://a/r, postgresql://b/r' });
    expect(config.replicas).toMatchObject({ urls: ['postgres://a/r', 'postgresql://b/r'], maxLagMs: 5000 });
  });

  it('refuses a replica that is not a postgres URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://a/r' })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
  });

  it('refuses replicas without a primary (the embedded PostgreSQL has none)', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://a/r' })).toThrow(/needs DATABASE_URL/);
  });
});
