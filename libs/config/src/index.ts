export * from './environment';
export * from './provisioning';
