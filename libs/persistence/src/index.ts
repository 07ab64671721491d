export * from './entities';
export * from './migrations';
export * from './data-source';
export * from './seed';
export * from './persistence.module';
export * from './returning';
