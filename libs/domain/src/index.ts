export * from './units';
export * from './recommendation';
export * from './routing';
export * from './roles';
export * from './lifecycle';
export * from './calendar';
export * from './notifications';
export * from './quarters';
