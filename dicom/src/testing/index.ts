// testing: re-exports of this folder's modules (the package's `@heron/dicom/testing` entry).
export * from './dicom-builder';
export * from './heron-result';
export * from './phantom-source';
export * from './validators';
export * from './vendor-presets';
export * from './vendor-studies';
export * from './transcode';
