// core: re-exports of this folder's modules (the package's `@heron/dicom/core` entry).
export * from './codes';
export * from './dcmjs';
export * from './decimal-string';
export * from './derived-header';
export * from './dicom-datetime';
export * from './dicom-json';
export * from './dicom-tags';
export * from './dicom-time';
export * from './uids';
export * from './character-sets';
export * from './read-part10';
