export * from './categories.js';
export * from './quote.js';
export * from './render-markdown.js';
