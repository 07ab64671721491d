export * from './labels';
export * from './quarterly-report';
export * from './quarterly-report.repository';
export * from './quarterly-report.html';
export * from './quarterly-report.xlsx';
export * from './sc-agenda';
