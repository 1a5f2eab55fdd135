import type { AnnotationCategory, Severity } from '../annotate/index.js';

/** The scoring model: MQM severity weights, the pass mark, and whether resolved issues count. */
export interface QualityModel {
  /** Penalty points per error (MQM 2.0 scoring model: minor 1, major 5, critical 25). */
  weights: Record<Severity, number>;
  /** Lowest passing score, 0–100. */
  threshold: number;
  /**
   * Whether resolved annotations still count. Default false: the score rates the translation
   * as it stands, and a resolved annotation is an error that was fixed (or a query answered).
   * Set true to rate the translation as first delivered (all errors ever found).
   */
  countResolved: boolean;
}

export const DEFAULT_QUALITY_MODEL: QualityModel = {
  weights: { minor: 1, major: 5, critical: 25 },
  threshold: 95,
  countResolved: false,
};

export interface ScoredAnnotation {
  category: AnnotationCategory;
  severity: Severity;
  status: 'open' | 'resolved';
}

export interface QualityReport {
  model: QualityModel;
  /** Evaluation size: Chinese source characters (non-space) and English words. */
  sourceCharacters: number;
  targetWords: number;
  /** Errors charged to the translation (source issues excluded). */
  errors: { minor: number; major: number; critical: number; total: number };
  byCategory: Record<string, { count: number; penalty: number }>;
  penalty: number;
  penaltyPer1000SourceChars: number;
  penaltyPer100Words: number;
  /** MQM raw score: 100 − penalty per 100 words, floored at 0. */
  score: number;
  pass: boolean;
  /** Problems in the source text, reported apart and never charged to the translation. */
  sourceIssues: { open: number; resolved: number };
  /** Annotations left out of the score because they are resolved (when countResolved=false). */
  resolvedNotCounted: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** English words as counted for scoring. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Source characters as counted for scoring: every character but whitespace. */
export function countSourceCharacters(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n += 1;
  return n;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Scores a translation from its reviewer annotations with the MQM penalty model: each error
 * costs its severity's weight, penalties are normalised per 100 English words (the score) and
 * per 1,000 source characters, and the score passes at or above the threshold.
 */
export function scoreQuality(
  annotations: ScoredAnnotation[],
  size: { sourceCharacters: number; targetWords: number },
  model: QualityModel = DEFAULT_QUALITY_MODEL,
): QualityReport {
  const errors = { minor: 0, major: 0, critical: 0, total: 0 };
  const byCategory: QualityReport['byCategory'] = {};
  const sourceIssues = { open: 0, resolved: 0 };
  let penalty = 0;
  let resolvedNotCounted = 0;
  for (const a of annotations) {
    if (a.category === 'source-issue') {
      sourceIssues[a.status] += 1;
      continue;
    }
    if (a.status === 'resolved' && !model.countResolved) {
      resolvedNotCounted += 1;
      continue;
    }
    const points = model.weights[a.severity];
    errors[a.severity] += 1;
    errors.total += 1;
    penalty += points;
    const cat = (byCategory[a.category] ??= { count: 0, penalty: 0 });
    cat.count += 1;
    cat.penalty += points;
  }
  const per100 =
    size.targetWords === 0 ? (penalty > 0 ? Infinity : 0) : (penalty * 100) / size.targetWords;
  const per1000 = size.sourceCharacters === 0 ? 0 : (penalty * 1000) / size.sourceCharacters;
  const score = Number.isFinite(per100) ? Math.max(0, round(100 - per100)) : 0;
  return {
    model,
    sourceCharacters: size.sourceCharacters,
    targetWords: size.targetWords,
    errors,
    byCategory,
    penalty,
    penaltyPer1000SourceChars: round(per1000),
    penaltyPer100Words: Number.isFinite(per100) ? round(per100) : per100,
    score,
    pass: score >= model.threshold,
    sourceIssues,
    resolvedNotCounted,
  };
}
