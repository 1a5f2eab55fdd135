import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseCorpusDocument,
  parseCorpusGlossary,
  type CorpusDocument,
} from '../domain/corpus/index.js';
import type { GlossaryEntryInput } from '../domain/glossary/index.js';

/** The corpus folder shipped with the code. */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

export interface Corpus {
  documents: CorpusDocument[];
  glossary: GlossaryEntryInput[];
}

/** The corpus on disk is broken; the message lists every problem found. */
export class CorpusError extends Error {}

/**
 * Reads and validates the whole corpus: every folder under `documents/` and `glossary.json`.
 * @throws CorpusError listing all problems, so a broken corpus is fixed in one go
 */
export function readCorpus(dir: string = CORPUS_DIR): Corpus {
  const errors: string[] = [];
  const docsDir = path.join(dir, 'documents');
  const names = fs
    .readdirSync(docsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const documents: CorpusDocument[] = [];
  for (const name of names) {
    const read = (file: string) => fs.readFileSync(path.join(docsDir, name, file), 'utf8');
    const annotationsFile = path.join(docsDir, name, 'annotations.json');
    const parsed = parseCorpusDocument({
      name,
      meta: read('document.json'),
      source: read('source.zh.txt'),
      target: read('target.en.txt'),
      annotations: fs.existsSync(annotationsFile) ? read('annotations.json') : undefined,
    });
    if (parsed.ok) documents.push(parsed.value);
    else errors.push(...parsed.errors);
  }
  const glossary = parseCorpusGlossary(fs.readFileSync(path.join(dir, 'glossary.json'), 'utf8'));
  if (!glossary.ok) errors.push(...glossary.errors);
  if (errors.length > 0 || !glossary.ok) {
    throw new CorpusError(`The corpus in ${dir} is invalid:\n  ${errors.join('\n  ')}`);
  }
  return { documents, glossary: glossary.value };
}
