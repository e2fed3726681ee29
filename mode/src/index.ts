// The "Breast MRI (Heron)" mode: OHIF's own segmentation mode (its brush, eraser and threshold tools,
// the labelmap and contour segmentation panels with their toolboxes, and the tool groups those tools
// live in) with the Heron panel added first on the right. Cloned at run time because the prebuilt
// viewer cannot be rebuilt with new modes (docs/ohif-integration.md §7).
//
// OHIF 3.13 internals this relies on (re-check on every OHIF bump):
// - `@ohif/mode-segmentation` is compiled into the app and `loadModules` returns it with a
//   `modeInstance` whose `routes[0].layoutInstance.props.rightPanels` lists the panels; the route's
//   `layoutTemplate()` clones `this.layoutInstance`, so replacing `layoutInstance` is enough.
// - The mode route seeds `toolbarButtons` / `toolbarSections` / `toolGroupAdditions` and
//   `modeCustomizations` ('segmentationModeCustomizations': segmentation panel editable) from the
//   instance, and `onModeEnter` (basic family) calls `this.initToolGroups`; spreading the instance
//   keeps all of them.

export const MODE_ID = '@heron/ohif-mode';
const EXTENSION_ID = '@heron/ohif-extension';
const PANEL_ID = `${EXTENSION_ID}.panelModule.heronPanel`;
/** The breast hanging protocol and the utility that prepares it (extension/src/breast-layout). */
export const PROTOCOL_ID = 'heron-breast';
const LAYOUT_UTILITY_ID = `${EXTENSION_ID}.utilityModule.breastLayout`;
/** Heron's SRs open as the report (extension/src/report-viewport.ts), not as OHIF's black SR viewport. */
export const REPORT_HANDLER_ID = `${EXTENSION_ID}.sopClassHandlerModule.heron-sr`;
export const REPORT_VIEWPORT_ID = `${EXTENSION_ID}.viewportModule.heron-report`;

/** Set by `heron plugins` (drop-in bundles for a site's own OHIF): where the extension bundle lies, relative to this one. */
declare const __HERON_EXTENSION_PATH__: string | undefined;

/**
 * The name OHIF imports again on entering the mode route (it `import()`s every key of the mode's `extensions`): in
 * Heron's own viewer the import-map key; in a site's OHIF, which has no import map for us, the extension's URL.
 */
export function extensionSpecifier(): string {
  return typeof __HERON_EXTENSION_PATH__ === 'string'
    ? new URL(__HERON_EXTENSION_PATH__, import.meta.url).href
    : EXTENSION_ID;
}
const BASE_MODE = '@ohif/mode-segmentation';

interface LayoutInstance {
  props: { rightPanels: string[]; viewports?: unknown[]; [key: string]: unknown };
  [key: string]: unknown;
}

interface Route {
  path: string;
  layoutInstance: LayoutInstance;
  [key: string]: unknown;
}

interface ModeInstance {
  routes: Route[];
  extensions: Record<string, string>;
  sopClassHandlers?: string[];
  [key: string]: unknown;
}

interface RouteInitArgs {
  extensionManager: { getModuleEntry(id: string): unknown };
  studyInstanceUIDs?: string[];
}

/**
 * OHIF 3.13 awaits a route's `init` before it loads the study and applies the hanging protocol (and still runs its
 * own loading afterwards). The extension reads the series roles there, so the breast protocol knows which series
 * goes where when OHIF first lays the study out.
 */
export async function prepareLayout(args: RouteInitArgs): Promise<void> {
  const entry = args.extensionManager.getModuleEntry(LAYOUT_UTILITY_ID) as
    { exports?: { prepare?: (a: { studyInstanceUIDs?: string[] }) => Promise<{ problem?: string }> } } | undefined;
  const outcome = await entry?.exports?.prepare?.({ studyInstanceUIDs: args.studyInstanceUIDs });
  if (outcome?.problem) console.warn(`Heron layout: ${outcome.problem}`);
}

interface ModeFactoryArgs {
  loadModules(names: string[]): Promise<Array<{ modeInstance?: ModeInstance }>>;
}

/** Offered only for studies with MR images: the analysis needs DCE, T2 and DWI. */
export function isValidMode({ modalities }: { modalities?: string }): { valid: boolean; description: string } {
  const list = (modalities ?? '').split(/\\|,|\s+/).filter(Boolean);
  const valid = list.includes('MR');
  return { valid, description: valid ? '' : 'The Heron breast MRI mode needs an MR study.' };
}

const mode = {
  id: MODE_ID,
  extensionDependencies: { [EXTENSION_ID]: '^0.1.0' },
  async modeFactory({ loadModules }: ModeFactoryArgs) {
    const [base] = await loadModules([BASE_MODE]);
    const baseInstance = base?.modeInstance;
    const baseRoute = baseInstance?.routes?.[0];
    if (!baseInstance || !baseRoute?.layoutInstance?.props?.rightPanels) {
      throw new Error('Heron mode: this OHIF version has no segmentation mode layout to build on');
    }
    const layoutInstance: LayoutInstance = {
      ...baseRoute.layoutInstance,
      props: {
        ...baseRoute.layoutInstance.props,
        rightPanels: [PANEL_ID, ...baseRoute.layoutInstance.props.rightPanels],
        rightPanelClosed: false,
        // First, so a Heron SR meets the report viewport before OHIF's SR viewport.
        viewports: [
          { namespace: REPORT_VIEWPORT_ID, displaySetsToDisplay: [REPORT_HANDLER_ID] },
          ...(baseRoute.layoutInstance.props.viewports ?? []),
        ],
      },
    };
    return {
      ...baseInstance,
      id: MODE_ID,
      routeName: 'heron',
      displayName: 'Breast MRI (Heron)',
      hide: false,
      isValidMode,
      // The segmentation mode prefers OHIF's grid protocol, which tiles every series of the study; Heron lays
      // the study out as breast radiologists read it (extension/src/breast-layout/breast-protocol.ts).
      hangingProtocol: PROTOCOL_ID,
      routes: [{ ...baseRoute, path: 'heron', layoutInstance, init: prepareLayout }],
      // OHIF asks the handlers in order; ours answers only for Heron's SRs and passes the others on.
      sopClassHandlers: [REPORT_HANDLER_ID, ...(baseInstance.sopClassHandlers ?? [])],
      extensions: { ...baseInstance.extensions, [extensionSpecifier()]: '^0.1.0' },
    };
  },
};

export default mode;
