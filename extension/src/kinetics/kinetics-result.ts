// The kinetics part of an analysis result, named for the panel. The shapes are the server contract's (type-only
// imports: the extension bundle must not pull in zod); these aliases only give the panel's parts their names.
import type { Kinetics } from '@heron/server/contract';

export type KineticsResult = Kinetics;
export type KineticsOk = Extract<Kinetics, { status: 'ok' }>;
export type KineticsUnavailable = Extract<Kinetics, { status: 'unavailable' }>;
export type KineticCurve = KineticsOk['curve'];
export type KineticThresholds = KineticsOk['thresholds'];
export type InitialPhase = KineticsOk['initialPhase'];
export type CurveType = KineticsOk['curveType'];
