import type { AnnotationCategory, Severity, Side } from '../annotate/index.js';
import type { Progress, SegmentStatus } from '../segment/index.js';

/** Roles, from least to most rights. */
export const ROLES = ['translator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface DocumentSummary {
  id: number;
  title: string;
  sourceLang: string;
  targetLang: string;
  createdAt: string;
  updatedAt: string;
  segmentCount: number;
  progress: Progress;
}

/** One paragraph pair. */
export interface Segment {
  id: number;
  documentId: number;
  position: number;
  source: string;
  target: string;
  status: SegmentStatus;
  version: number;
  updatedBy: number | null;
  updatedAt: string;
  /** The aligner was unsure of this pair: a person should check it (split/merge or confirm). */
  alignCheck: boolean;
  /** Why, e.g. "2-1 · 0.42" (bead kind and confidence); empty when not flagged. */
  alignNote: string;
}

export interface DocumentWithSegments extends DocumentSummary {
  segments: Segment[];
}

export interface Reply {
  id: number;
  annotationId: number;
  author: { id: number; username: string; displayName: string } | null;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface Annotation {
  id: number;
  segmentId: number;
  side: Side;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  category: AnnotationCategory;
  severity: Severity;
  body: string;
  status: 'open' | 'resolved';
  orphaned: boolean;
  author: { id: number; username: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
  replies: Reply[];
}
