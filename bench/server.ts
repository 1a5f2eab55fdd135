/** A real server (child process, fresh file database, no seed corpus) and an API client. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { exited, freePort, ROOT } from '../tests/crash/server-process.js';

const PASSWORD = 'bench-admin-password';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  file: string;
  token: string;
  /** fetch with the bearer token; throws on a non-2xx reply. */
  api: (p: string, init?: RequestInit) => Promise<Response>;
  /** A large upload or download over node:http with the bearer token (see `transfer`). */
  transfer: (p: string, init?: TransferInit) => Promise<Transferred>;
  stop: () => Promise<void>;
}

/**
 * Like tests/crash/server-process.ts startServer, plus `BENCH_CPU_PROF=DIR` to write a CPU
 * profile of the server (node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function spawnServer(env: Record<string, string>) {
  const port = await freePort();
  const prof = process.env.BENCH_CPU_PROF;
  const args = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const child = spawn(process.execPath, [...args, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (output.includes('listening')) return { child, base: `http://127.0.0.1:${port}` };
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${output}`);
}

/** Starts the real server on `file` (a fresh database in a temporary directory by default). */
export async function startBenchServer(file?: string): Promise<BenchServer> {
  const dir = file ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-bench-'));
  const dbFile = file ?? path.join(dir!, 'db.sqlite');
  const server = await spawnServer({
    DATABASE_URL: `sqlite:${dbFile}`,
    ADMIN_PASSWORD: PASSWORD,
    SEED_CORPUS: '0',
  });
  const tokenRes = await fetch(`${server.base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.base}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${await res.text()}`);
    return res;
  };
  const agent = new http.Agent({ keepAlive: true });
  return {
    base: server.base,
    child: server.child,
    file: dbFile,
    token,
    api,
    transfer: (p, init = {}) =>
      transfer(new URL(p, server.base), agent, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      }),
    stop: async () => {
      agent.destroy();
      server.child.kill('SIGTERM');
      await exited(server.child);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TransferInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Keep the reply's bytes (else only counted). */
  keep?: boolean;
}

export interface Transferred {
  bytes: number;
  /** The reply's bytes, when kept. */
  body: Buffer | undefined;
}

/**
 * One request over node:http, as curl sends a file: the body written as it is, the reply read
 * chunk by chunk. The import and export benchmarks time the server's work, and undici's fetch
 * spends its own time on a large body in this process: with a 36 MB upload the request reached
 * the server 80 ms (idle process) to 450 ms (this benchmark's heap) after fetch was called,
 * against 1–5 ms here. Throws on a non-2xx reply.
 */
export function transfer(url: URL, agent: http.Agent, init: TransferInit): Promise<Transferred> {
  const { body, keep = false } = init;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: init.method ?? (body ? 'POST' : 'GET'),
        agent,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (keep || !ok) chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          const all = keep || !ok ? Buffer.concat(chunks) : undefined;
          if (ok) resolve({ bytes, body: all });
          else reject(new Error(`${req.method} ${url.pathname}: ${res.statusCode} ${String(all)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
