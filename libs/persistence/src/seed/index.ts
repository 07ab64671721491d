export * from './reference-data';
export * from './seed';
export * from './admin';
