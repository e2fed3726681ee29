// Shows the highest b-value of a DWI series that holds several. OHIF 3.13 turns such a series into one "dynamic"
// display set split by DiffusionBValue, renders it as a 4D volume and starts at its first group, the lowest b (the
// reader can step through the groups with OHIF's own control). Cancers stand out at high b, so the reading layout
// moves that viewport to the group the server found at the highest b-value.
//
// OHIF 3.13 / cornerstone3D internals relied on (re-check on every OHIF bump):
// - cornerstoneViewportService publishes 'event::cornerstoneViewportService:viewportDataChanged' with
//   `{ viewportId, viewportData: { data: [{ displaySetInstanceUID, volume }] } }` once a viewport has its data;
// - a dynamic display set has `isDynamicVolume` and `dynamicVolumeInfo.timePoints`, the image ids of each group;
// - setting `volume.dimensionGroupNumber` (1-based) shows that group, as OHIF's own control does; that control
//   starts from `dynamicVolumeInfo.dimensionGroupNumber` of the display set.
import type { ExtensionManager, PubSubService, ServicesManager } from '../ohif-types';

/** The group (1-based) most of whose images are among `sops`; null when none is. */
export function groupHolding(
  groups: readonly (readonly string[])[],
  sops: ReadonlySet<string>,
  sopOf: (imageId: string) => string | undefined,
): number | null {
  let best: number | null = null;
  let bestCount = 0;
  groups.forEach((ids, n) => {
    const count = ids.filter((id) => {
      const sop = sopOf(id);
      return sop !== undefined && sops.has(sop);
    }).length;
    if (count > ids.length / 2 && count > bestCount) [best, bestCount] = [n + 1, count];
  });
  return best;
}

interface ViewportDataEvent {
  viewportId?: string;
  viewportData?: { data?: Array<{ displaySetInstanceUID?: string; volume?: { dimensionGroupNumber?: number } }> };
}

interface DynamicDisplaySet {
  isDynamicVolume?: boolean;
  dynamicVolumeInfo?: { timePoints?: string[][]; dimensionGroupNumber?: number };
}

let stopFollowing: (() => void) | undefined;

/**
 * From now on, whenever viewport `viewportId` receives a dynamic DWI display set, shows the group of `sops` (the
 * highest b-value's images). Replaces the previous study's subscription.
 */
export function followHighestB(
  servicesManager: ServicesManager,
  extensionManager: ExtensionManager,
  viewportId: string,
  sops: ReadonlySet<string>,
): void {
  stopFollowing?.();
  stopFollowing = undefined;
  const service = servicesManager.services.cornerstoneViewportService as PubSubService | undefined;
  const displaySets = servicesManager.services.displaySetService as
    { getDisplaySetByUID?(uid: string): DynamicDisplaySet | undefined } | undefined;
  const entry = extensionManager.getModuleEntry('@ohif/extension-cornerstone.utilityModule.common') as
    | {
        exports?: {
          getCornerstoneLibraries?: () => { cornerstone: { metaData: { get(m: string, id: string): unknown } } };
        };
      }
    | undefined;
  const metaData = entry?.exports?.getCornerstoneLibraries?.().cornerstone.metaData;
  const event = service?.EVENTS.VIEWPORT_DATA_CHANGED;
  if (!service || !event || !displaySets?.getDisplaySetByUID || !metaData || sops.size === 0) return;
  const sopOf = (imageId: string) =>
    (metaData.get('generalImageModule', imageId) as { sopInstanceUID?: string } | undefined)?.sopInstanceUID;
  const { unsubscribe } = service.subscribe(event, (...args: unknown[]) => {
    const e = args[0] as ViewportDataEvent | undefined;
    if (e?.viewportId !== viewportId) return;
    const shown = e.viewportData?.data?.[0];
    const ds = shown?.displaySetInstanceUID ? displaySets.getDisplaySetByUID!(shown.displaySetInstanceUID) : undefined;
    const groups = ds?.isDynamicVolume ? ds.dynamicVolumeInfo?.timePoints : undefined;
    if (!groups || !shown?.volume) return;
    const group = groupHolding(groups, sops, sopOf);
    if (group === null) return;
    // OHIF's group control starts from the display set's number and sets it on the volume when it mounts: both
    // must say the same, whichever comes first.
    ds!.dynamicVolumeInfo!.dimensionGroupNumber = group;
    shown.volume.dimensionGroupNumber = group;
  });
  stopFollowing = unsubscribe;
}
