/**
 * `npm run check-terms -- <document id>` or `npm run check-terms -- <source.txt> <target.txt>`:
 * prints the glossary consistency and QA report of a document (from the database named by
 * DATABASE_URL) or of a pair of files (one paragraph per line, line N translating line N), and
 * exits 1 when errors remain (accepted findings excepted), 0 otherwise, 2 on a usage error.
 * Options: `--glossary FILE` (.tbx, .csv or corpus-style .json) instead of the database's
 * glossary; `--json` for the machine-readable report; `--warnings` to list warnings too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import {
  compileGlossary,
  glossaryEntryInputSchema,
  parseCsv,
  parseTbx,
  type CompiledGlossary,
  type GlossaryEntry,
} from '../domain/glossary/index.js';
import { reviewDocument, type DocumentReview, type QaSegment } from '../domain/qa/index.js';
import { splitParagraphs } from '../domain/segment/index.js';
import { openDb, type Db } from '../store/db.js';
import { loadDocumentReview } from '../store/document-review.js';
import { loadCompiledGlossary } from '../store/glossary.js';
import { migrate } from '../store/migrate.js';

export interface CheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Opens the database when one is needed (tests pass their own). */
  openDb: () => Promise<Db>;
}

const USAGE =
  'usage: npm run check-terms -- <document id> | <source.txt> <target.txt> [--glossary FILE] [--json] [--warnings]';

/** Runs the check; resolves to the exit code. */
export async function checkTerms(argv: string[], io: CheckIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        glossary: { type: 'string' },
        json: { type: 'boolean', default: false },
        warnings: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const fileGlossary = values.glossary ? readGlossaryFile(values.glossary, io) : undefined;
  if (fileGlossary === null) return 2;
  let review: DocumentReview;
  let segments: (QaSegment & { position: number })[];
  let title: string;
  if (positionals.length === 1 && /^[1-9]\d*$/.test(positionals[0]!)) {
    const db = await io.openDb();
    const loaded = await loadDocumentReview(db, Number(positionals[0]), { candidates: false });
    if (!loaded) {
      io.err(`No document ${positionals[0]} in the database.`);
      return 2;
    }
    segments = loaded.doc.segments;
    title = loaded.doc.title;
    review = fileGlossary
      ? reviewDocument(fileGlossary, segments, [], { candidates: false })
      : loaded.review;
  } else if (positionals.length === 2) {
    const [src, tgt] = positionals.map((p) => splitParagraphs(fs.readFileSync(p!, 'utf8')));
    segments = src!.map((source, i) => ({
      id: i + 1,
      position: i + 1,
      source,
      target: tgt![i] ?? '',
    }));
    title = path.basename(positionals[0]!);
    const g = fileGlossary ?? (await loadCompiledGlossary(await io.openDb()));
    review = reviewDocument(g, segments, [], { candidates: false });
  } else {
    io.err(USAGE);
    return 2;
  }
  if (values.json)
    io.out(
      JSON.stringify(
        { summary: review.summary, counts: review.counts, findings: review.findings },
        null,
        2,
      ),
    );
  else printReport(title, review, segments, values.warnings, io);
  return review.counts.errors > 0 ? 1 : 0;
}

function printReport(
  title: string,
  review: DocumentReview,
  segments: { id: number; position: number }[],
  warnings: boolean,
  io: CheckIo,
) {
  const pos = new Map(segments.map((s) => [s.id, s.position]));
  const s = review.summary;
  io.out(`${title}`);
  io.out(
    `glossary: ${s.entries} terms, ${s.occurrences} occurrences: ${s.ok} ok, ${s.missing} missing, ${s.forbidden} forbidden`,
  );
  for (const f of review.findings) {
    if (f.severity === 'warning' && !warnings) continue;
    io.out(`  ¶${pos.get(f.segmentId) ?? f.segmentId} ${f.severity} ${f.check}: ${f.message}`);
  }
  const c = review.counts;
  io.out(`${c.errors} error(s), ${c.warnings} warning(s), ${c.accepted} accepted`);
}

/** Reads a glossary file; null (after printing why) when it cannot be used. */
function readGlossaryFile(file: string, io: CheckIo): CompiledGlossary | null {
  const text = fs.readFileSync(file, 'utf8');
  let fields: unknown[];
  if (/\.json$/i.test(file)) fields = JSON.parse(text) as unknown[];
  else {
    const r = /\.csv$/i.test(file) ? parseCsv(text) : parseTbx(text);
    if (!r.ok) {
      io.err(`${file}:${r.error.line}:${r.error.column}: ${r.error.message}`);
      return null;
    }
    fields = r.rows.map((row) => row.fields);
  }
  const entries: GlossaryEntry[] = [];
  for (const [i, f] of fields.entries()) {
    const e = glossaryEntryInputSchema.safeParse(f);
    if (!e.success) {
      io.err(`${file}: entry ${i + 1}: ${e.error.issues.map((x) => x.message).join('; ')}`);
      return null;
    }
    entries.push({ id: i + 1, ...e.data });
  }
  return compileGlossary(entries);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let db: Db | undefined;
  const code = await checkTerms(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    openDb: async () => {
      db = openDb(loadConfig().databaseUrl);
      await migrate(db);
      return db;
    },
  });
  await db?.destroy();
  process.exit(code);
}
