export * from './ids.ts';
export * from './errors.ts';
export * from './protocol/frames.ts';
export * from './domain/enterprise.ts';
export * from './domain/uscc.ts';
export * from './demo/district.ts';
export * from './demo/generator.ts';
export * from './domain/assignment.ts';
export * from './org/index.ts';
export * from './org/access.ts';
export * from './directory/types.ts';
export * from './directory/normalize.ts';
export * from './directory/headers.ts';
export * from './directory/csv.ts';
export * from './search/index.ts';
export * from './excel/escape.ts';
// Not search/keys.ts: it carries pinyin-pro's dictionary; import '@bangqi/shared/search/keys' where keys are built.
