// @heron/server/testing: what the cross-package tests need besides the server itself — an embedded Orthanc to run
// against, a way to fill it with studies, and a free port.
export { orthancAuthHeader, startOrthanc } from '../orthanc/orthanc-process';
export type { OrthancCredentials, OrthancOptions, RunningOrthanc } from '../orthanc/orthanc-process';
export { storeFiles, studyInstanceCount } from '../orthanc/orthanc-store';
export { freePort } from '../net/ports';
