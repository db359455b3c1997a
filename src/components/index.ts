/** The chapter's Motion Canvas components, one class per file. */
export * from './Readout';
export * from './NumberLine';
export * from './MappingView';
export * from './IntervalBox';
export * from './ZoomInset';
export * from './WarpedGrid';
export * from './FunctionGraph';
export * from './ChainStack';
export * from './Text';
