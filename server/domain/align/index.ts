export * from './anchors.js';
export * from './gale-church.js';
export * from './pairs.js';
export * from './sentences.js';
export * from './document-pairs.js';
