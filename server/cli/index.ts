/**
 * `npm run cli -- <command>`: pipelines over the same code the server runs. The database is
 * DATABASE_URL's, as for the server (which may keep running: SQLite handles both).
 *
 * Written with node:util parseArgs (no CLI framework needed for five commands).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { backupDatabase } from './backup.js';
import { checkTerms } from './check-terms.js';
import { openLocalApi } from './local-api.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  export <document id> --format F [--variant zh-TW|zh-HK] [--granularity sentence]
         [--status translated,reviewed] [--side source|target] [--out FILE]
                   write the document as tmx, xliff12, xliff2, tsv, csv, jsonl, txt, md or html
                   (to stdout without --out)
  import <file> --format F [--document ID] [--title T] [--dry-run]
                   create a document from a bilingual file, or update document ID's English
                   from a file translated elsewhere; prints the report
  align <source.txt> <target.txt> --title T [--source-lang zh-CN] [--target-lang en]
                   create a document from a text and its translation, aligned paragraph by
                   paragraph; prints the pairs the aligner was unsure of
  check <document id> | <source.txt> <target.txt> [--glossary FILE] [--json] [--warnings]
                   glossary consistency and QA report; exit 1 while errors remain
  backup <file>    consistent online copy of the database

Options for export, import and align: --user NAME (default admin) acts with that user's role.
Exit codes: 0 done, 1 the work found problems (errors, conflicts), 2 usage or input error.

Restore a backup: stop the server, replace the database file (DATABASE_URL, default
data/duizhao.sqlite) with the copy, delete any -wal and -shm files beside it, start.`;

type Io = { out: (s: string) => void; err: (s: string) => void };

const MEDIA: Record<string, string> = {
  tmx: 'application/xml',
  xliff12: 'application/xml',
  xliff2: 'application/xml',
  xliff: 'application/xml',
  tsv: 'text/tab-separated-values',
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
};

async function apiError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as {
    error?: { message?: string; line?: number; column?: number };
  } | null;
  const e = body?.error;
  return e
    ? `${e.message ?? res.statusText}${e.line ? ` (line ${e.line}, column ${e.column ?? '?'})` : ''}`
    : `HTTP ${res.status}`;
}

/** Runs one command; resolves to the exit code. */
export async function runCli(
  argv: string[],
  io: Io = { out: console.log, err: console.error },
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  if (command === 'check') {
    return checkTerms(rest, {
      ...io,
      openDb: async () => {
        const db = openDb(config.databaseUrl);
        await migrate(db);
        return db;
      },
    });
  }
  if (command === 'backup') {
    if (rest.length !== 1) return usage(io, 'backup needs exactly one argument: the file to write');
    const source = config.databaseUrl.replace(/^sqlite:/, '');
    if (source === ':memory:')
      return usage(io, 'DATABASE_URL is an in-memory database: there is nothing to back up');
    const { pages, bytes } = await backupDatabase(source, rest[0]!);
    io.out(
      `Backed up ${source} to ${rest[0]}: ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB, integrity ok`,
    );
    return 0;
  }
  if (!['export', 'import', 'align'].includes(command))
    return usage(io, `Unknown command: ${command}`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        variant: { type: 'string' },
        granularity: { type: 'string' },
        status: { type: 'string' },
        side: { type: 'string' },
        out: { type: 'string' },
        document: { type: 'string' },
        title: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'source-lang': { type: 'string', default: 'zh-CN' },
        'target-lang': { type: 'string', default: 'en' },
        user: { type: 'string', default: 'admin' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values: o, positionals: p } = parsed;
  // The CLI works on an existing database: never seed the corpus into a new one by accident.
  const api = await openLocalApi({ ...config, seedCorpus: false }, o.user ?? 'admin');
  try {
    if (command === 'export') {
      if (p.length !== 1 || !o.format) return usage(io, 'export needs a document id and --format');
      const q = new URLSearchParams({ format: o.format });
      for (const k of ['variant', 'granularity', 'status', 'side'] as const)
        if (o[k]) q.set(k, o[k]!);
      const res = await api.call('GET', `/api/documents/${encodeURIComponent(p[0]!)}/export?${q}`);
      if (!res.ok) return fail(io, await apiError(res));
      const data = Buffer.from(await res.arrayBuffer());
      if (o.out) {
        fs.writeFileSync(o.out, data);
        io.err(`Wrote ${o.out} (${data.length} bytes)`);
      } else process.stdout.write(data);
      return 0;
    }
    if (command === 'import') {
      if (p.length !== 1 || !o.format) return usage(io, 'import needs a file and --format');
      const data = fs.readFileSync(p[0]!);
      const q = new URLSearchParams({ format: o.format });
      if (o.title) q.set('title', o.title);
      if (o['dry-run']) q.set('dryRun', '1');
      const url = o.document
        ? `/api/documents/${encodeURIComponent(o.document)}/import?${q}`
        : `/api/documents/import?${q}`;
      const res = await api.call('POST', url, {
        type: MEDIA[o.format] ?? 'application/octet-stream',
        data,
      });
      if (!res.ok) return fail(io, await apiError(res));
      const report = (await res.json()) as { summary?: { conflicts?: number } };
      io.out(JSON.stringify(report, null, 2));
      return (report.summary?.conflicts ?? 0) > 0 ? 1 : 0;
    }
    // align
    if (p.length !== 2 || !o.title)
      return usage(io, 'align needs a source file, a target file and --title');
    const [source, target] = p.map((f) => fs.readFileSync(f!, 'utf8'));
    const res = await api.call('POST', '/api/documents', {
      type: 'application/json',
      data: JSON.stringify({
        title: o.title,
        sourceLang: o['source-lang'],
        targetLang: o['target-lang'],
        source,
        target,
      }),
    });
    if (!res.ok) return fail(io, await apiError(res));
    const body = (await res.json()) as {
      document: { id: number; segmentCount: number };
      alignment: { lowConfidence: number[] };
    };
    io.out(
      `Created document ${body.document.id} (${path.basename(p[0]!)}) with ${body.document.segmentCount} paragraph pairs; ` +
        `${body.alignment.lowConfidence.length} to check (drafts): ${body.alignment.lowConfidence.join(', ') || 'none'}`,
    );
    return 0;
  } finally {
    await api.close();
  }
}

function usage(io: Io, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return 2;
}

function fail(io: Io, message: string): number {
  io.err(message);
  return 2;
}

// Run when executed (npm run cli), not when imported by tests.
if (process.argv[1] && /cli[/\\]index\.ts$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      // A file that is not there is an input error (2), anything else a failure (1).
      process.exit((err as { code?: string }).code === 'ENOENT' ? 2 : 1);
    },
  );
}
