export * from './categories.js';
export * from './quote.js';
export * from './render-markdown.js';
export * from './reanchor.js';
export * from './w3c.js';
