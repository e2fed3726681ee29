import { createElement } from 'react';
import { createApiClient, type ApiClient } from './api-client';
import { makeIslandComponent } from './island';
import type { ExtensionParams, OhifExtension } from './ohif-types';
import { HeronPanel } from './panel/HeronPanel';
import { studyUidFromLocation } from './study-uid';
import { exposeTestHooks } from './test-hooks';
import { ohifViewerActions, type ViewerActions } from './viewer-actions';

export const EXTENSION_ID = '@heron/ohif-extension';
export const PANEL_NAME = 'heronPanel';

interface IslandProps {
  api: ApiClient;
  viewer: ViewerActions;
}

const PanelIsland = makeIslandComponent<IslandProps>(
  ({ api, viewer }) => createElement(HeronPanel, { api, viewer, studyUid: studyUidFromLocation(window.location.search) }),
  'heron-panel',
);

const extension: OhifExtension = {
  id: EXTENSION_ID,
  getPanelModule({ appConfig, servicesManager, commandsManager, extensionManager }: ExtensionParams) {
    const api = createApiClient(appConfig.heron?.apiBase ?? '/api');
    const viewer = ohifViewerActions(servicesManager, commandsManager, extensionManager);
    exposeTestHooks(viewer);
    return [
      {
        name: PANEL_NAME,
        iconName: 'tab-patient-info',
        iconLabel: 'Heron',
        label: 'Heron',
        component: () => createElement(PanelIsland, { api, viewer }),
      },
    ];
  },
};

export default extension;
