import { hashPassword } from './auth/password.js';
import { generatePassword } from './auth/tokens.js';
import type { Config } from './config.js';
import { readCorpus } from './corpus/read-corpus.js';
import { createApp } from './app.js';
import { createI18n } from './http/i18n.js';
import { openDb, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { seedIfEmpty, type SeedResult } from './store/seed.js';
import type { Express } from 'express';

export interface Started {
  app: Express;
  db: Db;
  seed: SeedResult;
  /** Set only when this start created the admin account with a generated password. */
  generatedAdminPassword: string | undefined;
  migrations: string[];
}

/**
 * Everything start-up does before listening: open the database, migrate, seed an empty one,
 * build the app. Shared by `main.ts` and the tests, so both run the same path.
 */
export async function prepare(
  config: Config,
  log: (m: string) => void = console.error,
): Promise<Started> {
  const db = openDb(config.databaseUrl);
  try {
    const migrations = await migrate(db);
    const password = config.adminPassword ?? generatePassword();
    const seed = await seedIfEmpty(db, {
      adminPasswordHash: await hashPassword(password),
      corpus: config.seedCorpus ? readCorpus() : undefined,
    });
    const i18n = await createI18n({ secureCookie: config.trustProxy });
    const app = createApp({ config, db, i18n, log });
    const generatedAdminPassword = seed.seeded && !config.adminPassword ? password : undefined;
    return { app, db, seed, generatedAdminPassword, migrations };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
