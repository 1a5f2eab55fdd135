export * from './ui-language.js';
export * from './convert-locale.js';
