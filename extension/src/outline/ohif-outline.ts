// Reads the reader's outline out of OHIF 3.13 and cornerstone3D. Internals relied on (re-check on every
// OHIF bump):
// - segmentationService.getActiveSegmentation(viewportId) / getSegmentations() return cornerstone3D
//   segmentations: `{ segmentationId, label, segments: { [index]: { segmentIndex, label, active } },
//   representationData: { Labelmap: { imageIds, referencedImageIds } } }`. OHIF creates a labelmap
//   with one derived image per source image (createLabelmapForDisplaySet →
//   imageLoader.createAndCacheDerivedLabelmapImages), `imageIds[n]` painted over `referencedImageIds[n]`.
// - The cornerstone libraries come from `@ohif/extension-cornerstone.utilityModule.common`
//   (`getCornerstoneLibraries()`); labelmap voxels from `cache.getImage(id).voxelManager.getScalarData()`,
//   source geometry from the `imagePlaneModule`, `generalImageModule` and `generalSeriesModule` metadata
//   OHIF registers for every image.
// - segmentationService.EVENTS SEGMENTATION_ADDED / _MODIFIED / _DATA_MODIFIED / _REMOVED.
import { KINETIC_MAP_ID_PREFIX } from '../kinetics/kinetic-map-id';
import type { ExtensionManager, PubSubService, ServicesManager } from '../ohif-types';
import { type Outline, OutlineError } from './outline';
import { type LabelmapSlice, outlineFromSlices } from './outline-grid';

interface Segment {
  segmentIndex: number;
  label?: string;
  active?: boolean;
}

interface Segmentation {
  segmentationId: string;
  label?: string;
  segments: Record<string, Segment | undefined>;
  representationData: { Labelmap?: { imageIds?: string[]; referencedImageIds?: string[] } };
}

export interface SegmentationService extends PubSubService {
  getSegmentations(): Segmentation[];
  getActiveSegmentation(viewportId: string): Segmentation | null | undefined;
}

interface ImagePlane {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
  rowPixelSpacing?: number;
  columnPixelSpacing?: number;
  rows?: number;
  columns?: number;
  sliceThickness?: number;
  usingDefaultValues?: boolean;
}

interface CornerstoneCore {
  cache: { getImage(imageId: string): CachedImage | undefined };
  metaData: { get(module: string, imageId: string): unknown };
}

interface CachedImage {
  voxelManager?: { getScalarData(): ArrayLike<number> };
  getPixelData?(): ArrayLike<number>;
}

function cornerstoneCore(extensionManager: ExtensionManager): CornerstoneCore {
  const entry = extensionManager.getModuleEntry('@ohif/extension-cornerstone.utilityModule.common') as
    { exports?: { getCornerstoneLibraries?: () => { cornerstone: CornerstoneCore } } } | undefined;
  const libs = entry?.exports?.getCornerstoneLibraries?.();
  if (!libs) throw new OutlineError('This viewer has no cornerstone extension; outlines cannot be read.');
  return libs.cornerstone;
}

/** An outline the reader can own: a labelmap that is not Heron's kinetic colour map overlay. */
function isOutline(s: Segmentation | null | undefined): s is Segmentation {
  return !!s?.representationData.Labelmap?.imageIds?.length && !s.segmentationId.startsWith(KINETIC_MAP_ID_PREFIX);
}

/** The viewport's active labelmap segmentation, else the first labelmap of the study; never the kinetic map. */
function pickSegmentation(service: SegmentationService, viewportId: string | undefined): Segmentation | null {
  const active = viewportId ? service.getActiveSegmentation(viewportId) : null;
  if (isOutline(active)) return active;
  return service.getSegmentations().find(isOutline) ?? null;
}

/** The segment the reader is painting with; the first one when none is marked active. */
function pickSegment(segmentation: Segmentation): Segment | null {
  const segments = Object.values(segmentation.segments).filter((s): s is Segment => !!s);
  return segments.find((s) => s.active) ?? segments.sort((a, b) => a.segmentIndex - b.segmentIndex)[0] ?? null;
}

function sliceOf(cs: CornerstoneCore, labelmapImageId: string, sourceImageId: string): LabelmapSlice {
  const plane = cs.metaData.get('imagePlaneModule', sourceImageId) as ImagePlane | undefined;
  const sop = (cs.metaData.get('generalImageModule', sourceImageId) as { sopInstanceUID?: string } | undefined)
    ?.sopInstanceUID;
  const image = cs.cache.getImage(labelmapImageId);
  const labels = image?.voxelManager?.getScalarData() ?? image?.getPixelData?.();
  if (
    !plane ||
    plane.usingDefaultValues ||
    !plane.imagePositionPatient ||
    !plane.rowCosines ||
    !plane.columnCosines ||
    !plane.rowPixelSpacing ||
    !plane.columnPixelSpacing ||
    !plane.rows ||
    !plane.columns ||
    !sop
  ) {
    throw new OutlineError('The outlined images lack position, orientation or pixel spacing; outline on a DCE phase.');
  }
  if (!labels) throw new OutlineError('The outline is not loaded in the viewer any more; draw it again.');
  return {
    sopInstanceUID: sop,
    position: plane.imagePositionPatient.map(Number),
    rowCosines: plane.rowCosines.map(Number),
    columnCosines: plane.columnCosines.map(Number),
    rowSpacing: Number(plane.rowPixelSpacing),
    columnSpacing: Number(plane.columnPixelSpacing),
    rows: plane.rows,
    columns: plane.columns,
    sliceThickness: plane.sliceThickness,
    labels,
  };
}

/**
 * The active segmentation's chosen segment as an Outline on the grid of the series it was drawn on;
 * null when the reader has not created a labelmap segmentation. Throws OutlineError when one exists
 * but cannot be placed on a regular grid.
 */
export function readOutline(servicesManager: ServicesManager, extensionManager: ExtensionManager): Outline | null {
  const service = servicesManager.services.segmentationService as SegmentationService | undefined;
  if (!service) return null;
  const segmentation = pickSegmentation(service, servicesManager.services.viewportGridService?.getActiveViewportId());
  const labelmap = segmentation?.representationData.Labelmap;
  const segment = segmentation && pickSegment(segmentation);
  if (!segmentation || !labelmap?.imageIds || !segment) return null;
  const { imageIds, referencedImageIds } = labelmap;
  if (!referencedImageIds || referencedImageIds.length !== imageIds.length) {
    throw new OutlineError('The outline is not linked to the images it was drawn on.');
  }
  const cs = cornerstoneCore(extensionManager);
  const slices = imageIds.map((id, n) => sliceOf(cs, id, referencedImageIds[n]));
  const seriesUids = new Set(
    referencedImageIds.map(
      (id) =>
        (cs.metaData.get('generalSeriesModule', id) as { seriesInstanceUID?: string } | undefined)?.seriesInstanceUID,
    ),
  );
  const [seriesInstanceUID] = seriesUids;
  if (seriesUids.size !== 1 || !seriesInstanceUID) {
    throw new OutlineError('The outline spans several series; outline on one DCE phase.');
  }
  return outlineFromSlices(slices, segment.segmentIndex, {
    seriesInstanceUID,
    segmentLabel: segment.label ?? segmentation.label ?? `Segment ${segment.segmentIndex}`,
  });
}

// Brush strokes fire data-modified events for every mouse move; readers see the totals settle after
// the stroke, and a 17-million-voxel DCE series is not re-read on every move.
const SETTLE_MS = 250;

/** Calls `cb` (debounced) whenever a segmentation is added, edited, repainted or removed. */
export function subscribeOutlineChanges(servicesManager: ServicesManager, cb: () => void): () => void {
  const service = servicesManager.services.segmentationService as SegmentationService | undefined;
  if (!service) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(cb, SETTLE_MS);
  };
  const { SEGMENTATION_ADDED, SEGMENTATION_MODIFIED, SEGMENTATION_DATA_MODIFIED, SEGMENTATION_REMOVED } =
    service.EVENTS;
  const subs = [SEGMENTATION_ADDED, SEGMENTATION_MODIFIED, SEGMENTATION_DATA_MODIFIED, SEGMENTATION_REMOVED]
    .filter(Boolean)
    .map((event) => service.subscribe(event, fire));
  return () => {
    clearTimeout(timer);
    subs.forEach((s) => s.unsubscribe());
  };
}
