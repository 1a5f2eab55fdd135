/** A real server (child process, fresh file database, no seed corpus) and an API client. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  return {
    base: server.base,
    child: server.child,
    file: dbFile,
    token,
    api,
    stop: async () => {
      server.child.kill('SIGTERM');
      await exited(server.child);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
