export * from './model.js';
export * from './policy.js';
export * from './password-rules.js';
