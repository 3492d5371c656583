export * from './org.ts';
export * from './api.ts';
