import type { Corpus } from '../corpus/read-corpus.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { CorpusAuthor } from '../domain/corpus/index.js';
import type { Role } from '../domain/document/index.js';
import type { Db } from './db.js';
import { insertAnnotation } from './annotations.js';
import { recordAudit } from './audit.js';
import { insertDocument } from './documents.js';
import { insertGlossaryEntries } from './glossary.js';
import { countUsers, createUser, setUserActive } from './users.js';

/** What a first start did. */
export interface SeedResult {
  seeded: boolean;
  documents: number;
  glossaryEntries: number;
  annotations: number;
}

/**
 * On an empty database (no users yet: a first start), creates the `admin` account and loads
 * the corpus, all in one transaction: a crash half-way leaves the database empty, and the next
 * start tries again. A database with any user is never seeded again, so the corpus can never
 * be reloaded over work done since.
 */
export async function seedIfEmpty(
  db: Db,
  input: { adminPasswordHash: string; corpus: Corpus | undefined },
): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const result: SeedResult = { seeded: false, documents: 0, glossaryEntries: 0, annotations: 0 };
    if ((await countUsers(trx)) > 0) return result;
    result.seeded = true;
    const admin = await createUser(trx, {
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: input.adminPasswordHash,
    });
    await recordAudit(trx, {
      userId: null,
      action: 'create',
      entityType: 'user',
      entityId: admin.id,
    });
    if (!input.corpus) return result;
    const { documents, glossary } = input.corpus;
    // The corpus comments are signed by two accounts that cannot sign in (inactive, unusable
    // password) until an admin activates them: no default credentials ever ship.
    const authors: Record<CorpusAuthor, number> = {
      reviewer: (await createSeedAccount(trx, 'seed-reviewer', 'Senior reviewer', 'reviewer')).id,
      translator: (await createSeedAccount(trx, 'seed-translator', 'Translator', 'translator')).id,
    };
    result.glossaryEntries = (await insertGlossaryEntries(trx, glossary)).length;
    for (const doc of documents) {
      const { id, segmentIds } = await insertDocument(trx, doc, admin.id, 'seed');
      for (const a of doc.annotations) {
        const segmentId = segmentIds[a.paragraph];
        if (segmentId === undefined)
          throw new Error(`annotation on missing paragraph ${a.paragraph}`);
        await insertAnnotation(trx, {
          ...a,
          segmentId,
          authorId: authors[a.author],
          replies: a.replies.map((r) => ({ body: r.body, authorId: authors[r.author] })),
        });
        result.annotations += 1;
      }
      await recordAudit(trx, {
        userId: admin.id,
        action: 'seed',
        entityType: 'document',
        entityId: id,
        details: { name: doc.name, segments: segmentIds.length },
      });
      result.documents += 1;
    }
    return result;
  });
}

async function createSeedAccount(db: Db, username: string, displayName: string, role: Role) {
  // Not a scrypt hash: verifyPassword rejects it, so no password can ever match.
  const user = await createUser(db, {
    username,
    displayName,
    role,
    passwordHash: `disabled$${hashSecret(newSecret())}`,
  });
  await setUserActive(db, user.id, false);
  return user;
}
