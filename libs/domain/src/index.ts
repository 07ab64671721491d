export * from './units';
export * from './recommendation';
export * from './routing';
