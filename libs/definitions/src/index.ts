// What the API, the worker and the workflows share about a workflow without sharing its code: type
// names, inputs, query and update definitions, and search attributes. Workflow code may import it.
export * from './recommendation';
export * from './search-attributes';
export * from './reorganization';
export * from './cadre-report';
export * from './sc-meeting';
