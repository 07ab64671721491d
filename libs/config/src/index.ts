export * from './environment';
export * from './log-format';
