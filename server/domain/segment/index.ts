export * from './split-paragraphs.js';
export * from './status.js';
export * from './diff-text.js';
export * from './split-merge.js';
export * from './chinese-variant.js';
