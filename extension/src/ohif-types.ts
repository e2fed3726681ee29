// OHIF 3.13 publishes no TypeScript types, so these describe the small part of its runtime API we use
// (checked against the shipped app bundle; see docs/ohif-integration.md §3-§8).
import type { ComponentType } from 'react';

export interface PubSubService {
  EVENTS: Record<string, string>;
  subscribe(event: string, cb: (...args: unknown[]) => void): { unsubscribe(): void };
}

export interface DisplaySet {
  displaySetInstanceUID: string;
  SeriesInstanceUID: string;
}

export interface DisplaySetService extends PubSubService {
  getActiveDisplaySets(): DisplaySet[];
}

export interface ViewportGridService {
  getActiveViewportId(): string;
}

export interface ServicesManager {
  services: {
    displaySetService?: DisplaySetService;
    viewportGridService?: ViewportGridService;
    [name: string]: unknown;
  };
}

export interface CommandsManager {
  runCommand(name: string, options?: Record<string, unknown>, context?: string): unknown;
}

export interface ExtensionManager {
  /** `${extensionId}.${moduleType}.${name}`, e.g. '@ohif/extension-cornerstone.utilityModule.common'. */
  getModuleEntry(id: string): unknown;
}

export interface AppConfig {
  heron?: HeronConfig;
  [key: string]: unknown;
}

/** Our settings, read from `window.config.heron` (runtime extensions cannot take [name, config] pairs). */
export interface HeronConfig {
  apiBase?: string;
  /** Where the board's pages are (the report viewport frames them); '/board' when not given. */
  boardBase?: string;
}

export interface ExtensionParams {
  appConfig: AppConfig;
  servicesManager: ServicesManager;
  commandsManager: CommandsManager;
  extensionManager: ExtensionManager;
}

export interface PanelEntry {
  name: string;
  iconName: string;
  iconLabel: string;
  label: string;
  component: ComponentType<Record<string, unknown>>;
}

export interface HangingProtocolEntry {
  name: string;
  protocol: unknown;
}

export interface UtilityEntry {
  name: string;
  exports: Record<string, unknown>;
}

export interface SopClassHandlerEntry {
  name: string;
  sopClassUids: string[];
  getDisplaySetsFromSeries(instances: never[]): unknown[];
}

export interface ViewportEntry {
  name: string;
  component: ComponentType<never>;
}

export interface OhifExtension {
  id: string;
  getPanelModule?(p: ExtensionParams): PanelEntry[];
  getHangingProtocolModule?(): HangingProtocolEntry[];
  getUtilityModule?(p: ExtensionParams): UtilityEntry[];
  getSopClassHandlerModule?(p: ExtensionParams): SopClassHandlerEntry[];
  getViewportModule?(p: ExtensionParams): ViewportEntry[];
}
