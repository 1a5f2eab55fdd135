import { z } from 'zod';
import { DEFAULT_QUALITY_MODEL, type QualityModel } from './domain/quality/index.js';

/** Typed configuration, read from the environment once at start-up (DESIGN.md, "Configuration"). */
export interface Config {
  /** HTTP port to listen on. */
  port: number;
  /** Address to bind; loopback by default so a fresh install is not exposed. */
  host: string;
  /** `sqlite:PATH` or `sqlite::memory:` (a `postgres://` backend comes later). */
  databaseUrl: string;
  /** Password for the `admin` account created on an empty database; generated when absent. */
  adminPassword: string | undefined;
  /** Load `corpus/` into an empty database on start. */
  seedCorpus: boolean;
  /** Trust `X-Forwarded-*` from a reverse proxy (and mark cookies Secure behind HTTPS). */
  trustProxy: boolean;
  /** Lifetime of a browser session, in hours. */
  sessionHours: number;
  /** MQM scoring: severity weights, pass mark, and whether resolved annotations count. */
  quality: QualityModel;
}

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^sqlite:.+/, 'must be sqlite:PATH or sqlite::memory:')
    .default('sqlite:data/duizhao.sqlite'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SEED_CORPUS: flag.default(true),
  TRUST_PROXY: flag.default(false),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  MQM_WEIGHTS: z
    .string()
    .regex(
      /^minor=\d+(\.\d+)?,major=\d+(\.\d+)?,critical=\d+(\.\d+)?$/,
      'must look like minor=1,major=5,critical=25',
    )
    .default('minor=1,major=5,critical=25'),
  MQM_THRESHOLD: z.coerce.number().min(0).max(100).default(DEFAULT_QUALITY_MODEL.threshold),
  MQM_COUNT_RESOLVED: flag.default(false),
});

/** Thrown when the environment is invalid; the message lists every bad key. */
export class ConfigError extends Error {}

/**
 * Reads and validates configuration. The only place in the code that looks at `process.env`.
 * @throws ConfigError listing every invalid variable at once
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(schema.shape)
      .map((key) => [key, env[key] === '' ? undefined : env[key]])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    adminPassword: c.ADMIN_PASSWORD,
    seedCorpus: c.SEED_CORPUS,
    trustProxy: c.TRUST_PROXY,
    sessionHours: c.SESSION_HOURS,
    quality: {
      weights: Object.fromEntries(
        c.MQM_WEIGHTS.split(',').map((pair) => {
          const [k, v] = pair.split('=');
          return [k, Number(v)];
        }),
      ) as QualityModel['weights'],
      threshold: c.MQM_THRESHOLD,
      countResolved: c.MQM_COUNT_RESOLVED,
    },
  };
}

/** Configuration for tests: in-memory database, no corpus unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: 'sqlite::memory:',
    adminPassword: 'admin-password-for-tests',
    seedCorpus: true,
    trustProxy: false,
    sessionHours: 24,
    quality: DEFAULT_QUALITY_MODEL,
    ...overrides,
  };
}
