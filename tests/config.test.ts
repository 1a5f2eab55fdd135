import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:data/duizhao.sqlite',
      adminPassword: undefined,
      seedCorpus: true,
      trustProxy: false,
      sessionHours: 336,
      quality: {
        weights: { minor: 1, major: 5, critical: 25 },
        threshold: 95,
        countResolved: false,
      },
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'sqlite::memory:',
      ADMIN_PASSWORD: 'long enough',
      SEED_CORPUS: '0',
      TRUST_PROXY: 'true',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', seedCorpus: false, trustProxy: true });
  });

  it('lists every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        ADMIN_PASSWORD: 'short',
        SEED_CORPUS: 'maybe',
      });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const key of ['PORT', 'DATABASE_URL', 'ADMIN_PASSWORD', 'SEED_CORPUS'])
      expect(message).toContain(key);
  });
});
