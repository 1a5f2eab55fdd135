import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Takes a consistent online copy of a SQLite database with SQLite's backup API: safe while
 * the server runs and writes (pages changed mid-copy are copied again). Refuses to overwrite
 * an existing file, and checks the copy's integrity before reporting success.
 * @returns the number of pages copied
 */
export async function backupDatabase(
  databaseFile: string,
  destination: string,
): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(databaseFile)) throw new Error(`No database at ${databaseFile}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} exists: choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const source = new SqliteDatabase(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(destination);
    const copy = new SqliteDatabase(destination, { readonly: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    return { pages: result.totalPages, bytes: fs.statSync(destination).size };
  } finally {
    source.close();
  }
}
