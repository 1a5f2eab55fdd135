/**
 * `npm run cli -- <command>`: maintenance commands over the same store the server uses.
 *
 *   backup <file>     consistent online copy of the database (the server may keep running)
 *
 * The database is DATABASE_URL's, as for the server.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backupDatabase } from './backup.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  backup <file>   copy the database to <file>, consistently, while the server runs

Restore: stop the server, replace the database file (DATABASE_URL, default
data/duizhao.sqlite) with the backup, delete any -wal and -shm files beside it, start.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'backup') {
    const [file] = rest;
    if (!file || rest.length > 1) {
      console.error('backup needs exactly one argument: the file to write');
      return 2;
    }
    const url = loadConfig().databaseUrl;
    const source = url.replace(/^sqlite:/, '');
    if (source === ':memory:') {
      console.error('DATABASE_URL is an in-memory database: there is nothing to back up');
      return 2;
    }
    const { pages, bytes } = await backupDatabase(source, file);
    console.log(
      `Backed up ${source} to ${file}: ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB, integrity ok`,
    );
    return 0;
  }
  console.error(`Unknown command: ${command}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
