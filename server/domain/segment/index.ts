export * from './split-paragraphs.js';
export * from './status.js';
