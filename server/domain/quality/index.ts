export * from './mqm.js';
