export * from './reference-data';
export * from './seed';
