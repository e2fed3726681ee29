import type { CommandsManager, ServicesManager } from './ohif-types';

/** What the panel may ask of the viewer around it. */
export interface ViewerActions {
  /** Shows a series in the active viewport; false when OHIF has no display set for it. */
  showSeries(seriesInstanceUID: string): boolean;
}

/** ViewerActions on OHIF 3.13's display-set and viewport-grid services and its viewport command. */
export function ohifViewerActions(servicesManager: ServicesManager, commandsManager: CommandsManager): ViewerActions {
  return {
    showSeries(seriesInstanceUID) {
      const { displaySetService, viewportGridService } = servicesManager.services;
      const displaySet = displaySetService?.getActiveDisplaySets().find((d) => d.SeriesInstanceUID === seriesInstanceUID);
      const viewportId = viewportGridService?.getActiveViewportId();
      if (!displaySet || !viewportId) return false;
      commandsManager.runCommand('setDisplaySetsForViewports', {
        viewportsToUpdate: [
          {
            viewportId,
            displaySetInstanceUIDs: [displaySet.displaySetInstanceUID],
            // The middle of a breast volume crosses both breasts; the first slice is only their edge.
            viewportOptions: { initialImageOptions: { preset: 'middle' } },
          },
        ],
      });
      return true;
    },
  };
}
