import { BREAST_PROTOCOL_ID, OUTLINING_STAGE, READING_STAGE } from './breast-layout/breast-protocol';
import type { KineticMap } from './kinetics/kinetic-map';
import { showKineticMap } from './kinetics/ohif-kinetic-overlay';
import type { CommandsManager, ExtensionManager, ServicesManager } from './ohif-types';
import { readOutline, subscribeOutlineChanges } from './outline/ohif-outline';
import { pickViewportPoint, removeSegmentation, showOutlineSegment } from './outline/ohif-labelmap-writer';
import type { Outline } from './outline/outline';
import type { ServerMaskOutline } from './outline/outline-api';

/** The Heron panel as OHIF names it (`${EXTENSION_ID}.panelModule.${PANEL_NAME}` of index.ts, as the mode lists it). */
const HERON_PANEL_ID = '@heron/ohif-extension.panelModule.heronPanel';

/** What the panel may ask of the viewer around it. */
export interface ViewerActions {
  /** Shows a series in the active viewport; false when OHIF has no display set for it. */
  showSeries(seriesInstanceUID: string): boolean;
  /**
   * The active segmentation's chosen segment on the grid of the series it was drawn on; null when the
   * reader has not outlined anything. Throws OutlineError when the outline cannot be placed on a grid.
   */
  getOutline(): Outline | null;
  /** Calls `cb` after the outline changed (settled after a brush stroke); returns the unsubscribe. */
  onOutlineChanged(cb: () => void): () => void;
  /** The LPS point of the reader's next click in the active viewport, and the series shown there. */
  pickPoint(signal: AbortSignal): Promise<{ point: [number, number, number]; seriesInstanceUID: string | undefined }>;
  /** Shows a server outline as a new labelmap segment named `label`; returns the segmentation's id. */
  showOutline(outline: ServerMaskOutline, label: string): Promise<string>;
  /** Removes a segmentation (a discarded proposal). */
  removeOutline(segmentationId: string): void;
  /** Shows the kinetic colour map over its series; returns the overlay's segmentation id (removeOutline hides it). */
  showKineticMap(map: KineticMap): Promise<string>;
  /** Switches the breast layout between the 2×2 reading stage and the 1×1 outlining stage. */
  setLayoutStage(stage: LayoutStage): void;
}

export type LayoutStage = typeof READING_STAGE | typeof OUTLINING_STAGE;

/** ViewerActions on OHIF 3.13's display-set, viewport-grid and segmentation services. */
export function ohifViewerActions(
  servicesManager: ServicesManager,
  commandsManager: CommandsManager,
  extensionManager: ExtensionManager,
): ViewerActions {
  return {
    showSeries(seriesInstanceUID) {
      const { displaySetService, viewportGridService } = servicesManager.services;
      const displaySet = displaySetService
        ?.getActiveDisplaySets()
        .find((d) => d.SeriesInstanceUID === seriesInstanceUID);
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
    getOutline: () => readOutline(servicesManager, extensionManager),
    onOutlineChanged: (cb) => subscribeOutlineChanges(servicesManager, cb),
    pickPoint: (signal) => pickViewportPoint(extensionManager, signal),
    showOutline: (outline, label) =>
      showOutlineSegment(servicesManager, extensionManager, outline, label, HERON_PANEL_ID),
    removeOutline: (segmentationId) => removeSegmentation(servicesManager, segmentationId),
    showKineticMap: (map) => showKineticMap(servicesManager, extensionManager, map),
    // OHIF's own command keeps each stage's viewports as the reader left them when switching back.
    setLayoutStage: (stage) =>
      void commandsManager.runCommand('setHangingProtocol', { protocolId: BREAST_PROTOCOL_ID, stageId: stage }),
  };
}
