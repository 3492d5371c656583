export * from './ids.ts';
export * from './errors.ts';
export * from './protocol/frames.ts';
export * from './domain/enterprise.ts';
export * from './domain/uscc.ts';
export * from './demo/district.ts';
export * from './demo/generator.ts';
