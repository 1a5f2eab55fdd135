/**
 * autosave: N concurrent clients, each saving its own paragraph in a loop over HTTP (keep-alive,
 * loopback) against the real server (child process, file database, durable commits), beside a
 * bare node:http + better-sqlite3 server doing the same versioned UPDATE and revision INSERT.
 * The two take turns in 2-second slices (each gets `seconds` in all) and the throughput ratio is
 * the median of the slices' ratios, so that load from other jobs on this shared machine hits
 * both alike. Also checks that no save errs and none is lost: at the end every paragraph holds
 * its last acknowledged text at the acknowledged version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { exited, freePort, ROOT } from '../tests/crash/server-process.js';
import { median, type BenchResult } from './lib.js';
import { spawnServer } from './server.js';

const PASSWORD = 'bench-admin-password';

interface LoadResult {
  saves: number;
  errors: number;
  lost: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function send(agent: http.Agent, base: string, id: number, body: string, token: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(`/api/segments/${id}`, base);
    const req = http.request(
      url,
      {
        method: 'PATCH',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += String(c)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One server under load: its clients' state carries over from one slice of load to the next. */
interface Target {
  base: string;
  token: string;
  ids: number[];
  file: string;
  agent: http.Agent;
  versions: Map<number, number>;
  last: Map<number, { version: number; target: string }>;
  latencies: number[];
  errors: number;
  seconds: number;
  draft: number;
}

function target(base: string, token: string, ids: number[], file: string): Target {
  return {
    base,
    token,
    ids,
    file,
    agent: new http.Agent({ keepAlive: true, maxSockets: ids.length }),
    versions: new Map(ids.map((id) => [id, 1])),
    last: new Map(),
    latencies: [],
    errors: 0,
    seconds: 0,
    draft: 0,
  };
}

/** Every client saves its own paragraph in a loop for `seconds`; returns saves in the slice. */
async function slice(t: Target, seconds: number): Promise<number> {
  const before = t.latencies.length - t.errors;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    t.ids.map(async (id) => {
      while (Date.now() < end) {
        const target = `Paragraph ${id}, draft ${t.draft++}: the committee voted to advance the bill.`;
        const version = t.versions.get(id)!;
        const t0 = performance.now();
        try {
          const r = await send(t.agent, t.base, id, JSON.stringify({ target, version }), t.token);
          t.latencies.push(performance.now() - t0);
          if (r.status !== 200) {
            t.errors += 1;
            continue;
          }
          const saved = (JSON.parse(r.body) as { version: number }).version;
          t.versions.set(id, saved);
          t.last.set(id, { version: saved, target });
        } catch {
          t.latencies.push(performance.now() - t0);
          t.errors += 1;
        }
      }
    }),
  );
  t.seconds += seconds;
  return t.latencies.length - t.errors - before;
}

/** Stops the server and checks every acknowledged save in its database file. */
async function finish(t: Target, stopServer: () => Promise<void>): Promise<LoadResult> {
  t.agent.destroy();
  await stopServer();
  const db = new SqliteDatabase(t.file, { readonly: true });
  const get = db.prepare('select version, target from segments where id = ?');
  let lost = 0;
  for (const [id, acked] of t.last) {
    const row = get.get(id) as { version: number; target: string };
    if (row.version !== acked.version || row.target !== acked.target) lost += 1;
  }
  db.close();
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    saves: t.latencies.length - t.errors,
    errors: t.errors,
    lost,
    perSecond: Math.round((t.latencies.length - t.errors) / t.seconds),
    p50: Number(percentile(sorted, 50).toFixed(2)),
    p99: Number(percentile(sorted, 99).toFixed(2)),
  };
}

/** A fresh database file with the corpus and one paragraph per client. */
async function prepareServer(clients: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-autosave-'));
  const file = path.join(dir, 'db.sqlite');
  const server = await spawnServer({ DATABASE_URL: `sqlite:${file}`, ADMIN_PASSWORD: PASSWORD });
  const tokenRes = await fetch(`${server.base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const source = Array.from({ length: clients }, (_, i) => `第${i + 1}段。`).join('\n');
  const created = await fetch(`${server.base}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      title: 'autosave bench',
      sourceLang: 'zh-CN',
      targetLang: 'en',
      source,
    }),
  });
  const { document } = (await created.json()) as { document: { id: number } };
  const full = await fetch(`${server.base}/api/documents/${document.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const doc = (await full.json()) as { segments: { id: number }[] };
  return { dir, file, server, token, ids: doc.segments.map((s) => s.id) };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await exited(child);
}

/** Seconds of load per slice: the two servers take turns, so drifting machine load hits both. */
const SLICE_SECONDS = 2;

export async function benchAutosave(opts: {
  clients: number;
  seconds: number;
}): Promise<BenchResult> {
  // Duizhao, and the baseline on a copy of the same schema and rows.
  const ours = await prepareServer(opts.clients);
  const base = await prepareServer(opts.clients);
  await stop(base.server.child);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/baseline-autosave-server.ts', base.file, String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  const a = target(ours.server.base, ours.token, ours.ids, ours.file);
  const b = target(`http://127.0.0.1:${port}`, base.token, base.ids, base.file);
  // Alternating slices, each server `seconds` in all; the ratio is the median of the slices'.
  const ratios: number[] = [];
  const slices = Math.max(1, Math.round(opts.seconds / SLICE_SECONDS));
  for (let k = 0; k < slices; k++) {
    const seconds = opts.seconds / slices;
    const mine = await slice(a, seconds);
    const bare = await slice(b, seconds);
    ratios.push(mine / Math.max(1, bare));
  }
  const real = await finish(a, () => stop(ours.server.child));
  const bare = await finish(b, () => stop(child));
  for (const d of [ours.dir, base.dir]) fs.rmSync(d, { recursive: true, force: true });

  const ratio = median(ratios);
  const p99Ratio = real.p99 / bare.p99;
  return {
    value: real.perSecond,
    unit: 'saves/s',
    baseline: bare.perSecond,
    ratio: Number(ratio.toFixed(2)),
    target: 'throughput ≥ 0.4×, p99 ≤ 3×, no errors, no lost saves',
    pass: ratio >= 0.4 && p99Ratio <= 3 && real.errors === 0 && real.lost === 0,
    clients: opts.clients,
    seconds: opts.seconds,
    slices,
    sliceRatios: ratios.map((r) => Number(r.toFixed(2))),
    p50ms: real.p50,
    p99ms: real.p99,
    baselineP50ms: bare.p50,
    baselineP99ms: bare.p99,
    p99Ratio: Number(p99Ratio.toFixed(2)),
    errors: real.errors,
    lostUpdates: real.lost,
    saves: real.saves,
  };
}

/** The load run of issue 7: the same load for longer, judged on errors and lost saves only. */
export async function benchLoadRun(opts: {
  clients: number;
  seconds: number;
}): Promise<BenchResult> {
  const ours = await prepareServer(opts.clients);
  const t = target(ours.server.base, ours.token, ours.ids, ours.file);
  await slice(t, opts.seconds);
  const r = await finish(t, () => stop(ours.server.child));
  fs.rmSync(ours.dir, { recursive: true, force: true });
  return {
    value: r.perSecond,
    unit: 'saves/s',
    target: 'zero errors, zero lost updates',
    pass: r.errors === 0 && r.lost === 0,
    clients: opts.clients,
    seconds: opts.seconds,
    p50ms: r.p50,
    p99ms: r.p99,
    errors: r.errors,
    lostUpdates: r.lost,
    saves: r.saves,
  };
}
