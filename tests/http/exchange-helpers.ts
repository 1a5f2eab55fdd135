import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Express } from 'express';
import request from 'supertest';

/** The independent validator in ../shared/tools (official schemas plus translate-toolkit). */
export const VALIDATOR = path.resolve(import.meta.dirname, '../../../shared/tools/validate-export');

/**
 * Whether the validator can run. Under CI it must: a missing validator there is a failure,
 * never a silent skip.
 */
export function validatorAvailable(): boolean {
  const present = fs.existsSync(VALIDATOR);
  if (!present && process.env.CI)
    throw new Error(`CI=true but ${VALIDATOR} is missing: ../shared/tools must be checked out`);
  if (!present) console.warn(`SKIPPING validate-export checks: ${VALIDATOR} not found`);
  return present;
}

/** Runs the validator on text written to a temp file; returns exit code, stdout and stderr. */
export async function validate(
  kind: string,
  content: string,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-export-'));
  const file = path.join(dir, `export.${kind === 'tmx' ? 'tmx' : 'xlf'}`);
  fs.writeFileSync(file, content);
  try {
    const { stdout, stderr } = await promisify(execFile)(VALIDATOR, [...args, kind, file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses `--dump` output: `id<TAB>source<TAB>target` with \t \n \r \\ escapes. */
export function parseDump(stdout: string): { id: string; source: string; target: string }[] {
  const un = (s: string) =>
    s.replace(/\\([tnr\\])/g, (_m, c: string) =>
      c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
    );
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [id = '', source = '', target = ''] = l.split('\t');
      return { id, source: un(source), target: un(target) };
    });
}

/** Reads a streamed export as text. */
export async function exportText(
  app: Express,
  auth: Record<string, string>,
  query: string,
  id = 1,
) {
  return request(app)
    .get(`/api/documents/${id}/export?${query}`)
    .set(auth)
    .buffer(true)
    .parse((res, done) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => done(null, data));
    });
}
