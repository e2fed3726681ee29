// Subtraction display sets in OHIF 3.13: once the DICOM metadata of a post-contrast phase and of the pre-contrast
// phase are in the viewer, one display set per post-contrast phase whose images are `heronsub:` images
// (subtraction-loader.ts), added to OHIF's DisplaySetService like any series, named "SUB: <phase> − pre". They are
// made while OHIF loads the study, before it applies the hanging protocol (which waits for every series), so the
// reading layout can open on the first subtraction.
//
// OHIF 3.13 internals relied on (read from the shipped app bundle; re-check on every OHIF bump):
// - displaySetService.EVENTS.DISPLAY_SETS_ADDED / DISPLAY_SETS_CHANGED fire as each series' display set is made;
//   displaySetService.addDisplaySets(...sets) adds client-made sets and fires DISPLAY_SETS_ADDED again.
// - Display sets of images are ImageSet objects (`images` = instances); a stack viewport and
//   createLabelmapForDisplaySet take the image ids from dataSource.getImageIdsForDisplaySet, which returns an
//   instance's `imageId` when it has one.
import type { StudyRoles } from '@heron/server/contract';
import type { DisplaySetService, ExtensionManager, ServicesManager } from '../ohif-types';
import {
  defineSubtractionImage,
  registerSubtractionLoader,
  subtractionImageId,
  type LoaderLibraries,
} from './subtraction-loader';
import { sameSlice, type SliceGeometry, type SubtractionPlan, subtractionPlans } from './subtraction-plan';

type Instance = SliceGeometry & { SOPInstanceUID?: string; [key: string]: unknown };

interface ImageSetLike {
  displaySetInstanceUID: string;
  SeriesInstanceUID: string;
  images?: Instance[];
  messages?: unknown;
  SOPClassHandlerId?: string;
  heronSubtraction?: SubtractionInfo;
  setAttributes?(attributes: Record<string, unknown>): void;
  getUID?(): string;
}

/** Set on a subtraction display set: which phase it is made of. */
export interface SubtractionInfo {
  phaseIndex: number;
  postSeriesInstanceUID: string;
}

interface DataSource {
  getImageIdsForDisplaySet(displaySet: unknown): string[];
}

interface FullDisplaySetService extends DisplaySetService {
  addDisplaySets(...displaySets: unknown[]): unknown;
}

export interface Subtractions {
  /** The phase indices whose subtraction display set exists. */
  readonly made: ReadonlySet<number>;
  /** Why a phase has no subtraction, for the reader. */
  readonly problems: readonly string[];
}

/** The subtraction a display set shows, if it is one. */
export function subtractionOf(displaySet: unknown): SubtractionInfo | undefined {
  return (displaySet as { heronSubtraction?: SubtractionInfo } | null)?.heronSubtraction;
}

/** A synthetic series id for the display set only (never stored): it must differ from the post phase's. */
function subtractionSeriesKey(plan: SubtractionPlan): string {
  return `heron-subtraction-${plan.phaseIndex}-${plan.postSeriesInstanceUID}`;
}

/** SOP instance UID → [image id, instance] of every loaded display set of `seriesUids`. */
function loadedInstances(
  service: DisplaySetService,
  dataSource: DataSource,
  seriesUids: ReadonlySet<string>,
): Map<string, [string, Instance]> {
  const out = new Map<string, [string, Instance]>();
  for (const ds of service.getActiveDisplaySets() as ImageSetLike[]) {
    if (!seriesUids.has(ds.SeriesInstanceUID) || subtractionOf(ds) || !ds.images) continue;
    const ids = dataSource.getImageIdsForDisplaySet(ds);
    // Multi-frame instances give several ids per instance; breast DCE phases here are one image per instance.
    if (ids.length !== ds.images.length) continue;
    ds.images.forEach((instance, n) => {
      if (instance.SOPInstanceUID) out.set(instance.SOPInstanceUID, [ids[n]!, instance]);
    });
  }
  return out;
}

function makeDisplaySet(
  plan: SubtractionPlan,
  postDisplaySet: ImageSetLike,
  found: Map<string, [string, Instance]>,
): ImageSetLike {
  const seriesKey = subtractionSeriesKey(plan);
  // In the order OHIF shows the phase itself, so the subtraction opens on the same middle slice and scrolls the
  // same way as the phase (and the slice synchroniser moves both alike).
  const order = new Map((postDisplaySet.images ?? []).map((instance, n) => [instance.SOPInstanceUID, n]));
  const pairs = [...plan.pairs].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const instances: Array<Instance & { imageId: string }> = pairs.map(([postSop, preSop], n) => {
    const [postId, postInstance] = found.get(postSop)!;
    const imageId = subtractionImageId(seriesKey, n);
    defineSubtractionImage(imageId, postId, found.get(preSop)![0], seriesKey);
    return { ...postInstance, SeriesInstanceUID: seriesKey, SeriesDescription: plan.description, imageId };
  });
  const first = instances[0]!;
  // The post phase's own display-set class (OHIF's ImageSet), so OHIF finds the methods it calls on image sets.
  const ImageSet = postDisplaySet.constructor as new (images: unknown[]) => ImageSetLike;
  const set = new ImageSet(instances);
  const attributes = {
    displaySetInstanceUID: set.getUID?.() ?? `${seriesKey}-set`,
    SeriesInstanceUID: seriesKey,
    StudyInstanceUID: first['StudyInstanceUID'],
    SeriesDate: first['SeriesDate'],
    SeriesTime: first['SeriesTime'],
    SeriesNumber: first['SeriesNumber'] ?? 0,
    SeriesDescription: plan.description,
    label: plan.description,
    Modality: first['Modality'] ?? 'MR',
    SOPClassUID: first['SOPClassUID'],
    SOPClassHandlerId: postDisplaySet.SOPClassHandlerId,
    FrameOfReferenceUID: first['FrameOfReferenceUID'],
    numImageFrames: instances.length,
    imageIds: instances.map((i) => i.imageId),
    isMultiFrame: false,
    // A stack only: cornerstone's volume loaders know nothing of the heronsub scheme.
    isReconstructable: false,
    isDynamicVolume: false,
    supportsWindowLevel: true,
    messages: postDisplaySet.messages,
    madeInClient: true,
    heronSubtraction: { phaseIndex: plan.phaseIndex, postSeriesInstanceUID: plan.postSeriesInstanceUID },
  };
  if (set.setAttributes) set.setAttributes(attributes);
  else Object.assign(set, attributes);
  return set;
}

/**
 * Makes the subtraction display sets of `roles` as soon as their phases are loaded. Never throws: a subtraction
 * that cannot be made is left out (and said in `problems`), and the layout falls back to the phase itself.
 */
export function deriveSubtractions(
  servicesManager: ServicesManager,
  extensionManager: ExtensionManager,
  roles: Pick<StudyRoles, 'dcePhases'> | undefined,
): Subtractions {
  const made = new Set<number>();
  const problems: string[] = [];
  const service = servicesManager.services.displaySetService as FullDisplaySetService | undefined;
  const cornerstone = (
    extensionManager.getModuleEntry('@ohif/extension-cornerstone.utilityModule.common') as
      { exports?: { getCornerstoneLibraries?: () => { cornerstone: LoaderLibraries } } } | undefined
  )?.exports?.getCornerstoneLibraries?.()?.cornerstone;
  const dataSource = (
    extensionManager as unknown as { getActiveDataSource?(): DataSource[] }
  ).getActiveDataSource?.()[0];
  if (!roles || !service || !cornerstone || !dataSource) return { made, problems };
  const planned = subtractionPlans(roles);
  problems.push(...planned.problems);
  if (!planned.plans.length) return { made, problems };
  registerSubtractionLoader(cornerstone);
  const pending = new Set(planned.plans);
  const seriesUids = new Set(planned.plans.flatMap((p) => [p.postSeriesInstanceUID, p.preSeriesInstanceUID]));

  const tryMake = () => {
    if (!pending.size) return;
    const found = loadedInstances(service, dataSource, seriesUids);
    const ready: ImageSetLike[] = [];
    for (const plan of [...pending]) {
      if (!plan.pairs.every(([post, pre]) => found.has(post) && found.has(pre))) continue;
      pending.delete(plan);
      const mismatch = plan.pairs.find(([post, pre]) => !sameSlice(found.get(post)![1], found.get(pre)![1]));
      if (mismatch) {
        const problem = `${plan.description}: the phases do not cover the same slices, so no subtraction is shown.`;
        problems.push(problem);
        // Said in the browser console: the layout then shows the phase itself, which is still correct to read.
        console.warn(`Heron: ${problem}`);
        continue;
      }
      const postDisplaySet = (service.getActiveDisplaySets() as ImageSetLike[]).find(
        (d) => d.SeriesInstanceUID === plan.postSeriesInstanceUID && !subtractionOf(d),
      )!;
      ready.push(makeDisplaySet(plan, postDisplaySet, found));
      made.add(plan.phaseIndex);
    }
    if (ready.length) service.addDisplaySets(...ready);
  };
  const events = [service.EVENTS['DISPLAY_SETS_ADDED'], service.EVENTS['DISPLAY_SETS_CHANGED']].filter(
    (e): e is string => !!e,
  );
  const subs = events.map((event) =>
    service.subscribe(event, () => {
      try {
        tryMake();
      } catch (e) {
        problems.push(`Subtraction images could not be made: ${e instanceof Error ? e.message : String(e)}`);
        pending.clear();
      }
      if (!pending.size) subs.forEach((s) => s.unsubscribe());
    }),
  );
  tryMake();
  return { made, problems };
}
