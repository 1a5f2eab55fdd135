export * from './parse-corpus.js';
