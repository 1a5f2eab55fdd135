export * from './model.js';
export * from './policy.js';
