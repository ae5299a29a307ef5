// Live updates: a pushed change merged into what a view holds (rows, cards, a record, a
// calendar month), with the view's filter and sort evaluated locally where they can be.
export * from './apply-to-list';
export * from './local-view';
export * from './merge-change';
export * from './resolve-labels';
export * from './use-live-changes';
export * from './relative-values';
