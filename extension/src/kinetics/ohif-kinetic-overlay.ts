// Shows the kinetic colour map over the images as an OHIF labelmap segmentation with three locked segments
// (persistent, plateau, wash-out) in the map's colours, on the viewport showing the series the map lies on. The
// segmentation is an overlay, not an outline: its id carries KINETIC_MAP_ID_PREFIX so that the outline reader
// (outline/ohif-outline.ts) never takes it for the reader's outline, and the reader's own segmentation stays active.
//
// OHIF 3.13 / cornerstone3D internals relied on, besides those of outline/ohif-labelmap-writer.ts (re-check on every
// OHIF bump): createLabelmapForDisplaySet honours `options.segmentationId`; segmentationService.setSegmentColor(
// viewportId, segmentationId, segmentIndex, [r, g, b, a]), setSegmentLocked(segmentationId, segmentIndex, true),
// getActiveSegmentation(viewportId) and setActiveSegmentation(viewportId, segmentationId);
// viewportGridService.getState().viewports, a Map of viewport id → { displaySetInstanceUIDs }.
import type { ExtensionManager, ServicesManager } from '../ohif-types';
import { libraries } from '../outline/ohif-labelmap-writer';
import { OutlineError } from '../outline/outline';
import { type KineticMap, kineticMapSlices, KINETIC_MAP_SEGMENTS } from './kinetic-map';
import { KINETIC_MAP_ID_PREFIX } from './kinetic-map-id';
import { subtractionOf } from '../subtraction/ohif-subtraction';

interface OverlayService {
  createLabelmapForDisplaySet(displaySet: unknown, options: Record<string, unknown>): Promise<string>;
  addSegmentationRepresentation(viewportId: string, options: { segmentationId: string }): Promise<void>;
  getSegmentation(
    id: string,
  ): { representationData: { Labelmap?: { imageIds?: string[]; referencedImageIds?: string[] } } } | undefined;
  getActiveSegmentation(viewportId: string): { segmentationId: string } | null | undefined;
  setActiveSegmentation(viewportId: string, segmentationId: string): void;
  setSegmentColor(viewportId: string, segmentationId: string, segmentIndex: number, rgba: number[]): void;
  setSegmentLocked(segmentationId: string, segmentIndex: number, locked: boolean): void;
  remove(id: string): void;
}

interface GridState {
  activeViewportId?: string;
  viewports?: Map<string, { displaySetInstanceUIDs?: string[] }>;
}

/**
 * The viewport showing one of the display sets `uids` and which one: the active viewport if it does, else the
 * first that does.
 */
function viewportShowing(state: GridState, uids: string[]): [string, string] | undefined {
  const showing: Array<[string, string]> = [];
  for (const [id, v] of (state.viewports ?? new Map<string, { displaySetInstanceUIDs?: string[] }>()).entries()) {
    const uid = v.displaySetInstanceUIDs?.find((u) => uids.includes(u));
    if (uid) showing.push([id, uid]);
  }
  return showing.find(([id]) => id === state.activeViewportId) ?? showing[0];
}

/** Adds the map as a locked three-segment labelmap on the viewport showing its series; returns its segmentation id. */
export async function showKineticMap(
  servicesManager: ServicesManager,
  extensionManager: ExtensionManager,
  map: KineticMap,
): Promise<string> {
  const slices = kineticMapSlices(map);
  const { displaySetService } = servicesManager.services;
  const grid = servicesManager.services.viewportGridService as { getState?(): GridState } | undefined;
  const service = servicesManager.services.segmentationService as OverlayService | undefined;
  // The phase itself, or a subtraction made of it: both lie on the map's grid (subtraction/ohif-subtraction.ts).
  const candidates = (displaySetService?.getActiveDisplaySets() ?? []).filter(
    (d) =>
      d.SeriesInstanceUID === map.seriesInstanceUID ||
      subtractionOf(d)?.postSeriesInstanceUID === map.seriesInstanceUID,
  );
  const shown = grid?.getState
    ? viewportShowing(
        grid.getState(),
        candidates.map((d) => d.displaySetInstanceUID),
      )
    : undefined;
  if (!service || !candidates.length)
    throw new OutlineError('The series of the kinetic map is not loaded in the viewer.');
  if (!shown) throw new OutlineError('Show the first post-contrast phase or its subtraction in a viewport first.');
  const [viewportId, displaySetUid] = shown;
  const displaySet = candidates.find((d) => d.displaySetInstanceUID === displaySetUid)!;
  const libs = libraries(extensionManager);
  const previous = service.getActiveSegmentation(viewportId)?.segmentationId;
  const segments = Object.fromEntries(
    Object.values(KINETIC_MAP_SEGMENTS).map((s) => [s.label, { label: s.name, locked: true }]),
  );
  const segmentationId = await service.createLabelmapForDisplaySet(displaySet, {
    segmentationId: `${KINETIC_MAP_ID_PREFIX}${Date.now()}`,
    label: 'Kinetic map (research use only)',
    segments,
  });
  try {
    await service.addSegmentationRepresentation(viewportId, { segmentationId });
    const labelmap = service.getSegmentation(segmentationId)?.representationData.Labelmap;
    const { imageIds, referencedImageIds } = labelmap ?? {};
    if (!imageIds || !referencedImageIds || imageIds.length !== referencedImageIds.length)
      throw new OutlineError('The viewer could not create a label map for the kinetic map.');
    let written = 0;
    imageIds.forEach((imageId, n) => {
      const sop = (
        libs.cornerstone.metaData.get('generalImageModule', referencedImageIds[n]!) as
          { sopInstanceUID?: string } | undefined
      )?.sopInstanceUID;
      const labels = sop && slices.get(sop);
      const voxels = labels && libs.cornerstone.cache.getImage(imageId)?.voxelManager;
      if (!labels || !voxels) return;
      for (let p = 0; p < labels.length; p++) if (labels[p]) voxels.setAtIndex(p, labels[p]!);
      written++;
    });
    if (written !== slices.size)
      throw new OutlineError('The kinetic map lies on images the viewer has not loaded; show its series first.');
    for (const s of Object.values(KINETIC_MAP_SEGMENTS)) {
      service.setSegmentColor(viewportId, segmentationId, s.label, s.rgba);
      // Locked: the brush must not edit a computed map.
      service.setSegmentLocked(segmentationId, s.label, true);
    }
    if (previous) service.setActiveSegmentation(viewportId, previous);
    libs.cornerstoneTools.segmentation?.triggerSegmentationEvents?.triggerSegmentationDataModified?.(segmentationId);
    return segmentationId;
  } catch (e) {
    service.remove(segmentationId);
    throw e;
  }
}
