import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.js';
import {
  deleteGlossaryEntry,
  insertGlossaryEntries,
  loadCompiledGlossary,
  updateGlossaryEntry,
} from '../../server/store/glossary.js';
import { migrate } from '../../server/store/migrate.js';

const entry = (source: string, target: string) => ({
  source,
  target,
  alternatives: [],
  forbidden: [],
  note: '',
  caseSensitive: false,
  domain: '',
});

describe('the compiled glossary cache', () => {
  it('is reused while nothing changed and follows writes from this and other connections', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-glossary-cache-'));
    const file = path.join(dir, 'db.sqlite');
    const a = openDb(`sqlite:${file}`);
    await migrate(a);
    const b = openDb(`sqlite:${file}`);
    try {
      const [id] = await insertGlossaryEntries(a, [entry('模型权重', 'model weights')]);
      const first = await loadCompiledGlossary(a);
      expect(await loadCompiledGlossary(a)).toBe(first);
      expect(first.entries.map((e) => e.target)).toEqual(['model weights']);

      await updateGlossaryEntry(a, id!, entry('模型权重', 'weights'));
      const second = await loadCompiledGlossary(a);
      expect(second.entries.map((e) => e.target)).toEqual(['weights']);

      // Another process (here another connection) adds and deletes: seen on the next call.
      await insertGlossaryEntries(b, [entry('开源', 'open source')]);
      const third = await loadCompiledGlossary(a);
      expect(third.entries.map((e) => e.source).sort()).toEqual(['开源', '模型权重']);
      await deleteGlossaryEntry(b, id!);
      expect((await loadCompiledGlossary(a)).entries.map((e) => e.source)).toEqual(['开源']);
    } finally {
      await a.destroy();
      await b.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
