export * from './environment';
export * from './provisioning';
export * from './log-format';
export * from './trust-proxy';
