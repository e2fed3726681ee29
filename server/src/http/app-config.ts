/** The extension's SR handler and report viewport, as OHIF addresses them (extension/src/index.ts). */
const REPORT_HANDLER_ID = '@heron/ohif-extension.sopClassHandlerModule.heron-sr';
const REPORT_VIEWPORT_ID = '@heron/ohif-extension.viewportModule.heron-report';

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
      // OHIF's basic viewer (/viewer) opens Heron's SRs as the report too: the extension's SOP class handler first,
      // and its viewport first in the layout (immutability-helper commands, applied by OHIF's modeFactory).
      '@ohif/mode-longitudinal': {
        hide: { $set: true },
        sopClassHandlers: { $unshift: [REPORT_HANDLER_ID] },
        routes: {
          0: {
            layoutInstance: {
              props: {
                viewports: { $unshift: [{ namespace: REPORT_VIEWPORT_ID, displaySetsToDisplay: [REPORT_HANDLER_ID] }] },
              },
            },
          },
        },
      },
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
