import { createElement } from 'react';
import { createApiClient, type ApiClient } from './api-client';
import { makeIslandComponent } from './island';
import { breastProtocol, BREAST_PROTOCOL_ID, READING_STAGE, viewportIdOf } from './breast-layout/breast-protocol';
import { followHighestB } from './breast-layout/dwi-high-b';
import { firstDceMatcher, prepareBreastLayout, registerFirstDceAttribute } from './breast-layout/register-layout';
import { createOutlineApi, type OutlineApi } from './outline/outline-api';
import type { ExtensionParams, OhifExtension } from './ohif-types';
import { HeronPanel } from './panel/HeronPanel';
import { PanelMemory } from './panel/panel-memory';
import { studyUidFromLocation } from './study-uid';
import { deriveSubtractions } from './subtraction/ohif-subtraction';
import { exposeTestHooks } from './test-hooks';
import {
  REPORT_HANDLER_NAME,
  REPORT_VIEWPORT_NAME,
  reportDisplaySets,
  ReportViewport,
  SR_SOP_CLASS_UIDS,
  type SrInstance,
} from './report-viewport';
import { ohifViewerActions, type ViewerActions } from './viewer-actions';

/** Set by the viewer build: true only in the test variant the browser tests open (scripts/build-viewer.ts). */
declare const __HERON_TEST_HOOKS__: boolean | undefined;

export const EXTENSION_ID = '@heron/ohif-extension';
export const PANEL_NAME = 'heronPanel';
/** The utility module the mode's route calls before OHIF loads the study (mode/src/index.ts). */
export const LAYOUT_UTILITY = 'breastLayout';
/** The ids modes list in `sopClassHandlers` and in a layout's `viewports` (mode/src and server app-config). */
export const REPORT_HANDLER_ID = `${EXTENSION_ID}.sopClassHandlerModule.${REPORT_HANDLER_NAME}`;
export const REPORT_VIEWPORT_ID = `${EXTENSION_ID}.viewportModule.${REPORT_VIEWPORT_NAME}`;

interface IslandProps {
  api: ApiClient;
  outlines: OutlineApi;
  memory: PanelMemory;
  viewer: ViewerActions;
}

const PanelIsland = makeIslandComponent<IslandProps>(
  ({ api, outlines, memory, viewer }) =>
    createElement(HeronPanel, {
      api,
      outlines,
      memory,
      viewer,
      studyUid: studyUidFromLocation(window.location.search),
    }),
  'heron-panel',
);

const extension: OhifExtension = {
  id: EXTENSION_ID,
  getPanelModule({ appConfig, servicesManager, commandsManager, extensionManager }: ExtensionParams) {
    const api = createApiClient(appConfig.heron?.apiBase ?? '/api');
    const outlines = createOutlineApi(appConfig.heron?.apiBase ?? '/api');
    const memory = new PanelMemory();
    const viewer = ohifViewerActions(servicesManager, commandsManager, extensionManager);
    if (typeof __HERON_TEST_HOOKS__ !== 'undefined' && __HERON_TEST_HOOKS__) exposeTestHooks(viewer);
    return [
      {
        name: PANEL_NAME,
        iconName: 'tab-patient-info',
        iconLabel: 'Heron',
        label: 'Heron',
        component: () => createElement(PanelIsland, { api, outlines, memory, viewer }),
      },
    ];
  },
  getHangingProtocolModule() {
    return [{ name: BREAST_PROTOCOL_ID, protocol: breastProtocol }];
  },
  getUtilityModule({ appConfig, servicesManager, extensionManager }: ExtensionParams) {
    const api = createApiClient(appConfig.heron?.apiBase ?? '/api');
    return [
      {
        name: LAYOUT_UTILITY,
        exports: {
          /**
           * Reads the study's series roles, teaches the hanging protocol where each series goes, and starts
           * deriving the subtraction display sets as the phases load.
           */
          async prepare({ studyInstanceUIDs }: { studyInstanceUIDs?: string[] }) {
            const hangingProtocolService = servicesManager.services.hangingProtocolService as Parameters<
              typeof prepareBreastLayout
            >[0];
            const prepared = await prepareBreastLayout(hangingProtocolService, studyInstanceUIDs?.[0], (uid) =>
              api.seriesRoles(uid),
            );
            const subtractions = deriveSubtractions(servicesManager, extensionManager, prepared.roles);
            const firstPost = prepared.roles?.dcePhases
              .map((p) => p.phaseIndex)
              .filter((i) => i >= 1)
              .sort((a, b) => a - b)[0];
            if (hangingProtocolService) {
              registerFirstDceAttribute(
                hangingProtocolService,
                firstDceMatcher(prepared.slots, firstPost, () => subtractions.made),
              );
            }
            for (const problem of subtractions.problems) console.warn(`Heron: ${problem}`);
            const dwiViewport = viewportIdOf(READING_STAGE, 'dwiHighB');
            followHighestB(servicesManager, extensionManager, dwiViewport, prepared.highBSops);
            return prepared;
          },
        },
      },
    ];
  },
  getSopClassHandlerModule({ appConfig }: ExtensionParams) {
    const boardBase = appConfig.heron?.boardBase ?? '/board';
    return [
      {
        name: REPORT_HANDLER_NAME,
        sopClassUids: SR_SOP_CLASS_UIDS,
        getDisplaySetsFromSeries: (instances: SrInstance[]) =>
          reportDisplaySets(instances, REPORT_HANDLER_ID, boardBase),
      },
    ];
  },
  getViewportModule() {
    return [{ name: REPORT_VIEWPORT_NAME, component: ReportViewport }];
  },
};

export default extension;
