/** Heron's settings for the viewer, read by the extension from `window.config.heron`. */
export interface ViewerHeronConfig {
  apiBase: string;
}

/**
 * The OHIF `app-config.js`: Orthanc as the only data source on our own origin (no CORS; the server
 * proxies it), our extension and mode as bare specifiers resolved by the import map, OHIF's built-in
 * modes hidden so the work list offers the Heron mode. See docs/ohif-integration.md §4.
 */
export function appConfigScript(heron: ViewerHeronConfig): string {
  const config = {
    name: 'heron-orthanc',
    routerBasename: '/',
    showStudyList: true,
    extensions: ['@heron/ohif-extension'],
    modes: ['@heron/ohif-mode'],
    modesConfiguration: {
      '@ohif/mode-longitudinal': { hide: { $set: true } },
      '@ohif/mode-segmentation': { hide: { $set: true } },
    },
    // Heron's panel carries its own intended-use statement on every screen.
    investigationalUseDialog: { option: 'never' },
    showWarningMessageForCrossOrigin: true,
    showCPUFallbackMessage: true,
    showLoadingIndicator: true,
    strictZSpacingForVolumeViewport: true,
    defaultDataSourceName: 'orthanc',
    dataSources: [
      {
        namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
        sourceName: 'orthanc',
        configuration: {
          friendlyName: 'Orthanc (via Heron)',
          name: 'orthanc',
          wadoUriRoot: '/wado',
          qidoRoot: '/dicom-web',
          wadoRoot: '/dicom-web',
          // The proxy spells out comma-separated includefield lists for Orthanc (dicomweb-proxy.ts).
          qidoSupportsIncludeField: true,
          supportsReject: false,
          imageRendering: 'wadors',
          thumbnailRendering: 'wadors',
          enableStudyLazyLoad: true,
          supportsFuzzyMatching: false,
          supportsWildcard: true,
          dicomUploadEnabled: false,
          omitQuotationForMultipartRequest: true,
          bulkDataURI: { enabled: true },
        },
      },
    ],
    heron,
  };
  return `window.config = ${JSON.stringify(config, null, 2)};\n`;
}
