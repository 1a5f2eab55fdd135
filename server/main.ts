import { ConfigError, loadConfig } from './config.js';
import { prepare } from './start.js';

/** Entry point: the only file that listens. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { app, db, seed, generatedAdminPassword, migrations } = await prepare(config);
  if (migrations.length > 0) console.log(`Database migrated: ${migrations.join(', ')}`);
  if (seed.seeded) {
    console.log(
      `New database: created the admin account and loaded the corpus ` +
        `(${seed.documents} document(s), ${seed.glossaryEntries} glossary entries, ${seed.annotations} annotations).`,
    );
  }
  if (generatedAdminPassword) {
    console.log(
      `\n  Sign in as admin with the password: ${generatedAdminPassword}\n  (shown only this once; set ADMIN_PASSWORD to choose it)\n`,
    );
  }
  const server = app.listen(config.port, config.host, () => {
    console.log(`Duizhao is listening on http://${config.host}:${config.port}/`);
  });
  server.on('error', (err) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
    process.exit(1);
  });
  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    server.close(() => void db.destroy().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
