import { alignmentCheck } from './0050-alignment-check.js';
import type { Migration } from 'kysely';
import { initial } from './0010-initial.js';
import { revisionSource } from './0020-revision-source.js';
import { qaAcceptances } from './0040-qa-acceptances.js';

/**
 * Every migration, forward only, in order. Names sort lexically; never rename or edit one that
 * has shipped: add a new one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0010-initial': initial,
  '0020-revision-source': revisionSource,
  '0040-qa-acceptances': qaAcceptances,
  '0050-alignment-check': alignmentCheck,
};
