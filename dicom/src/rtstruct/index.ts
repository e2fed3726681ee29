// rtstruct: re-exports of this folder's modules (the package's `@heron/dicom/rtstruct` entry).
export * from './contour-raster';
export * from './outline-object';
export * from './rtstruct-from-dicomweb';
export * from './rtstruct-reader';
