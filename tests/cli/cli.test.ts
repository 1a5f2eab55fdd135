import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/index.js';
import { testConfig } from '../../server/config.js';
import { prepare } from '../../server/start.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-cli-'));
const file = path.join(dir, 'db.sqlite');
const saved = process.env.DATABASE_URL;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  const { db } = await prepare(testConfig({ databaseUrl: `sqlite:${file}` }), () => {});
  await db.destroy();
  process.env.DATABASE_URL = `sqlite:${file}`;
});
afterAll(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

describe('npm run cli', () => {
  it('exports a document to a file and imports it back with nothing to change', async () => {
    const tmx = path.join(dir, 'a.tmx');
    const ex = await cli('export', '1', '--format', 'tmx', '--out', tmx);
    expect(ex.code).toBe(0);
    expect(fs.readFileSync(tmx, 'utf8')).toContain('<tmx version="1.4">');
    const im = await cli('import', tmx, '--format', 'tmx', '--document', '1');
    expect(im.code).toBe(0);
    expect(JSON.parse(im.out).summary).toMatchObject({
      units: 20,
      unchanged: 20,
      updated: 0,
      conflicts: 0,
    });
  });

  it('aligns two texts into a new document', async () => {
    const src = path.join(dir, 'src.txt');
    const tgt = path.join(dir, 'tgt.txt');
    fs.writeFileSync(src, '第一段。\n第二段,有点长。\n第三段。\n');
    fs.writeFileSync(
      tgt,
      'First paragraph.\nSecond paragraph, a little longer.\nThird paragraph.\n',
    );
    const r = await cli('align', src, tgt, '--title', 'Three');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Created document \d+ .* with 3 paragraph pairs/);
  });

  it('checks the seed article clean, and fails once a forbidden rendering appears', async () => {
    expect((await cli('check', '1')).code).toBe(0);
    const src = path.join(dir, 's.txt');
    const tgt = path.join(dir, 't.txt');
    fs.writeFileSync(src, '可能限制出售模型权重。\n');
    fs.writeFileSync(tgt, 'It may restrict selling model parameters.\n');
    const r = await cli('check', src, tgt);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/forbidden/);
  });

  it.each([
    [['export', '1'], /--format/],
    [['export', '999', '--format', 'tmx'], /not found/],
    [['bogus'], /Unknown command/],
    [['import', '/nonexistent', '--format', 'tmx'], /ENOENT|no such file/],
  ])('reports %j clearly', async (argv, message) => {
    const r = await cli(...argv).catch((e: Error) => ({ code: 2, out: '', err: e.message }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
