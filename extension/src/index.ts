import { createElement } from 'react';
import { createApiClient, type ApiClient } from './api-client';
import { makeIslandComponent } from './island';
import type { ExtensionParams, OhifExtension } from './ohif-types';
import { HeronPanel } from './panel/HeronPanel';
import { studyUidFromLocation } from './study-uid';

export const EXTENSION_ID = '@heron/ohif-extension';
export const PANEL_NAME = 'heronPanel';

interface IslandProps {
  api: ApiClient;
}

const PanelIsland = makeIslandComponent<IslandProps>(
  ({ api }) => createElement(HeronPanel, { api, studyUid: studyUidFromLocation(window.location.search) }),
  'heron-panel',
);

const extension: OhifExtension = {
  id: EXTENSION_ID,
  getPanelModule({ appConfig }: ExtensionParams) {
    const api = createApiClient(appConfig.heron?.apiBase ?? '/api');
    return [
      {
        name: PANEL_NAME,
        iconName: 'tab-patient-info',
        iconLabel: 'Heron',
        label: 'Heron',
        component: () => createElement(PanelIsland, { api }),
      },
    ];
  },
};

export default extension;
