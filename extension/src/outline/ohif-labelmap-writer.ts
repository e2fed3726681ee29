// Shows an outline from the server (a proposal, or an RTSTRUCT ROI / SEG segment already in the study) as a new
// OHIF labelmap segmentation on the series it lies on, where the reader keeps it, edits it with the brush, or
// removes it. OHIF 3.13 / cornerstone3D internals relied on (re-check on every OHIF bump):
// - segmentationService.createLabelmapForDisplaySet(displaySet, { label, segments }) creates one derived labelmap
//   image per image of the display set; addSegmentationRepresentation(viewportId, { segmentationId }) shows it;
//   getSegmentation(id).representationData.Labelmap.{imageIds, referencedImageIds}; remove(id).
// - Labelmap voxels are written through cache.getImage(id).voxelManager.setAtIndex, then cornerstoneTools'
//   segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(id) repaints and notifies OHIF.
// - Clicks: cornerstone.getEnabledElement(element).viewport.canvasToWorld([x, y]) gives the LPS point.
// - OHIF's segmentation mode switches the side panel to its label-map tab when the first segmentation is added
//   (an autoTabSwitch subscription); panelService.activatePanel(id, true) brings the reader back to the panel that
//   asked, where the proposal waits to be kept or discarded.
import type { ExtensionManager, ServicesManager } from '../ohif-types';
import { maskSlices } from './mask-slices';
import type { ServerMaskOutline } from './outline-api';
import { subtractionOf } from '../subtraction/ohif-subtraction';
import { OutlineError } from './outline';

interface VoxelManager {
  setAtIndex(index: number, value: number): void;
}

export interface Libraries {
  cornerstone: {
    cache: { getImage(imageId: string): { voxelManager?: VoxelManager } | undefined };
    metaData: { get(module: string, imageId: string): unknown };
    getEnabledElement(element: HTMLElement): { viewport?: Viewport } | undefined;
  };
  cornerstoneTools: {
    segmentation?: { triggerSegmentationEvents?: { triggerSegmentationDataModified?(segmentationId: string): void } };
  };
}

interface Viewport {
  canvasToWorld(point: [number, number]): number[];
  getCurrentImageId?(): string | undefined;
}

interface LabelmapService {
  createLabelmapForDisplaySet(displaySet: unknown, options: Record<string, unknown>): Promise<string>;
  addSegmentationRepresentation(viewportId: string, options: { segmentationId: string }): Promise<void>;
  getSegmentation(
    id: string,
  ): { representationData: { Labelmap?: { imageIds?: string[]; referencedImageIds?: string[] } } } | undefined;
  remove(id: string): void;
}

export function libraries(extensionManager: ExtensionManager): Libraries {
  const entry = extensionManager.getModuleEntry('@ohif/extension-cornerstone.utilityModule.common') as
    { exports?: { getCornerstoneLibraries?: () => Libraries } } | undefined;
  const libs = entry?.exports?.getCornerstoneLibraries?.();
  if (!libs) throw new OutlineError('This viewer has no cornerstone extension; outlines cannot be shown.');
  return libs;
}

function activeViewportElement(): HTMLElement | null {
  // OHIF marks the active viewport's pane; with one viewport this is the only viewport element.
  return (
    document.querySelector<HTMLElement>(
      '[data-cy="viewport-pane"].border-primary-light .cornerstone-viewport-element',
    ) ?? document.querySelector<HTMLElement>('.cornerstone-viewport-element')
  );
}

/**
 * Waits for the reader's next click in the active viewport; resolves with the LPS point under the cursor and the
 * series shown there. `signal` cancels the wait.
 */
export function pickViewportPoint(
  extensionManager: ExtensionManager,
  signal: AbortSignal,
): Promise<{ point: [number, number, number]; seriesInstanceUID: string | undefined }> {
  const cs = libraries(extensionManager).cornerstone;
  const element = activeViewportElement();
  if (!element) return Promise.reject(new OutlineError('No image is shown: open a DCE phase first.'));
  return new Promise((resolve, reject) => {
    const onClick = (event: MouseEvent) => {
      element.removeEventListener('click', onClick, true);
      const viewport = cs.getEnabledElement(element)?.viewport;
      if (!viewport) {
        reject(new OutlineError('The viewport shows no image.'));
        return;
      }
      const rect = element.getBoundingClientRect();
      const world = viewport.canvasToWorld([event.clientX - rect.left, event.clientY - rect.top]);
      const imageId = viewport.getCurrentImageId?.();
      const series = imageId
        ? (cs.metaData.get('generalSeriesModule', imageId) as { seriesInstanceUID?: string } | undefined)
        : undefined;
      resolve({ point: [world[0], world[1], world[2]], seriesInstanceUID: series?.seriesInstanceUID });
    };
    element.addEventListener('click', onClick, true);
    signal.addEventListener('abort', () => {
      element.removeEventListener('click', onClick, true);
      reject(new OutlineError('Cancelled.'));
    });
  });
}

/** Adds `outline` as a new labelmap segmentation with one segment `label`; returns its segmentation id. */
export async function showOutlineSegment(
  servicesManager: ServicesManager,
  extensionManager: ExtensionManager,
  outline: ServerMaskOutline,
  label: string,
  returnToPanelId?: string,
): Promise<string> {
  const { displaySetService, viewportGridService } = servicesManager.services;
  const service = servicesManager.services.segmentationService as LabelmapService | undefined;
  const viewportId = viewportGridService?.getActiveViewportId();
  // The outline's series, or a subtraction made of it when the active viewport shows that: both lie on the
  // outline's grid, and the label map must be made for what the viewport shows to be seen there.
  const candidates = (displaySetService?.getActiveDisplaySets() ?? []).filter(
    (d) =>
      d.SeriesInstanceUID === outline.seriesInstanceUID ||
      subtractionOf(d)?.postSeriesInstanceUID === outline.seriesInstanceUID,
  );
  const grid = viewportGridService as
    { getState?(): { viewports?: Map<string, { displaySetInstanceUIDs?: string[] }> } } | undefined;
  const shown = (viewportId && grid?.getState?.().viewports?.get(viewportId)?.displaySetInstanceUIDs) || [];
  const displaySet =
    candidates.find((d) => shown.includes(d.displaySetInstanceUID)) ?? candidates.find((d) => !subtractionOf(d));
  if (!service || !displaySet || !viewportId)
    throw new OutlineError('The series of this outline is not loaded in the viewer.');
  const libs = libraries(extensionManager);
  const segmentationId = await service.createLabelmapForDisplaySet(displaySet, {
    label,
    segments: { 1: { label, active: true } },
  });
  await service.addSegmentationRepresentation(viewportId, { segmentationId });
  const labelmap = service.getSegmentation(segmentationId)?.representationData.Labelmap;
  const { imageIds, referencedImageIds } = labelmap ?? {};
  if (!imageIds || !referencedImageIds || imageIds.length !== referencedImageIds.length) {
    throw new OutlineError('The viewer could not create a label map for this outline.');
  }
  const slices = maskSlices(outline);
  let written = 0;
  imageIds.forEach((imageId, n) => {
    const sop = (
      libs.cornerstone.metaData.get('generalImageModule', referencedImageIds[n]) as
        { sopInstanceUID?: string } | undefined
    )?.sopInstanceUID;
    const labels = sop && slices.get(sop);
    if (!labels) return;
    const voxels = libs.cornerstone.cache.getImage(imageId)?.voxelManager;
    if (!voxels) return;
    for (let p = 0; p < labels.length; p++) if (labels[p]) voxels.setAtIndex(p, 1);
    written++;
  });
  if (written !== slices.size) {
    service.remove(segmentationId);
    throw new OutlineError('The outline lies on images the viewer has not loaded; show its series first.');
  }
  libs.cornerstoneTools.segmentation?.triggerSegmentationEvents?.triggerSegmentationDataModified?.(segmentationId);
  const panels = servicesManager.services.panelService as
    { activatePanel?(id: string, force: boolean): void } | undefined;
  if (returnToPanelId) panels?.activatePanel?.(returnToPanelId, true);
  return segmentationId;
}

export function removeSegmentation(servicesManager: ServicesManager, segmentationId: string): void {
  (servicesManager.services.segmentationService as LabelmapService | undefined)?.remove(segmentationId);
}
