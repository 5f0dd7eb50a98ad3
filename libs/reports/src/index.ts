export * from './compose';
export * from './facts';
export * from './docx';
export * from './office';
export * from './report-store';
export * from './summary-job';
export * from './voting-words';
