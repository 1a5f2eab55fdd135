/** MQM error categories, plus `source-issue` for errors in the source text itself. */
export const ANNOTATION_CATEGORIES = [
  'accuracy',
  'fluency',
  'terminology',
  'style',
  'locale-convention',
  'other',
  'source-issue',
] as const;
export type AnnotationCategory = (typeof ANNOTATION_CATEGORIES)[number];

/** MQM severities, least to most serious. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SIDES = ['source', 'target'] as const;
export type Side = (typeof SIDES)[number];
