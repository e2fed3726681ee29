// The thresholds of kinetic curve assessment, with their sources. docs/kinetics.md explains each one.

/** How the delayed-phase change is expressed (see delayedChangePercent in measures.ts). */
export type DelayedChangeBasis = 'enhancement' | 'signal';

export interface KineticThresholds {
  /**
   * End of the BI-RADS initial phase (s after the start of the injection): the ACR BI-RADS MRI lexicon (2013)
   * calls the first 2 minutes the initial phase. The initial phase is the last post-contrast phase that starts
   * by then, or the first post-contrast phase if none does.
   */
  initialPhaseEndS: number;
  /** Initial enhancement below this (%) is 'slow'; BI-RADS MRI lexicon: slow < 50 %. */
  slowBelowPercent: number;
  /** Initial enhancement above this (%) is 'rapid'; BI-RADS MRI lexicon: rapid > 100 %, medium in between. */
  rapidAbovePercent: number;
  /** Delayed change above this (%) is 'persistent' (Kuhl et al., Radiology 1999;211:101: > +10 %). */
  persistentAbovePercent: number;
  /** Delayed change below this (%) is 'washout' (Kuhl et al. 1999: < -10 %); in between is 'plateau'. */
  washoutBelowPercent: number;
  /**
   * 'enhancement': the change from the initial to the last phase relative to the initial enhancement,
   * 100 (S_last - S_init) / (S_init - S_pre), which does not depend on the pre-contrast signal level (fat
   * suppression, coil sensitivity). 'signal': relative to the initial signal, 100 (S_last - S_init) / S_init, as
   * Kuhl et al. measured it; it gives smaller changes, more so for weakly enhancing lesions.
   */
  delayedChangeBasis: DelayedChangeBasis;
  /** A curve whose peak enhancement stays below this (%) is "no enhancement" (our choice: ~3x the noise of a voxel). */
  minimumEnhancementPercent: number;
  /** The kinetic map colours only voxels whose initial enhancement reaches this (%): the lower bound of 'medium'. */
  mapMinimumInitialEnhancementPercent: number;
}

export const DEFAULT_KINETIC_THRESHOLDS: KineticThresholds = {
  initialPhaseEndS: 120,
  slowBelowPercent: 50,
  rapidAbovePercent: 100,
  persistentAbovePercent: 10,
  washoutBelowPercent: -10,
  delayedChangeBasis: 'enhancement',
  minimumEnhancementPercent: 10,
  mapMinimumInitialEnhancementPercent: 50,
};

/** Checks a partial override and fills the rest from the defaults; throws a message naming the bad value. */
export function kineticThresholds(override: Partial<KineticThresholds> = {}): KineticThresholds {
  const t = { ...DEFAULT_KINETIC_THRESHOLDS, ...override };
  const finite: (keyof KineticThresholds)[] = [
    'initialPhaseEndS',
    'slowBelowPercent',
    'rapidAbovePercent',
    'persistentAbovePercent',
    'washoutBelowPercent',
    'minimumEnhancementPercent',
    'mapMinimumInitialEnhancementPercent',
  ];
  for (const key of finite) {
    if (typeof t[key] !== 'number' || !Number.isFinite(t[key]))
      throw new Error(`kinetics threshold ${key} must be a finite number`);
  }
  if (!(t.initialPhaseEndS > 0)) throw new Error('kinetics threshold initialPhaseEndS must be > 0 s');
  if (!(t.slowBelowPercent <= t.rapidAbovePercent))
    throw new Error('kinetics thresholds: slowBelowPercent must not exceed rapidAbovePercent');
  if (!(t.washoutBelowPercent <= t.persistentAbovePercent))
    throw new Error('kinetics thresholds: washoutBelowPercent must not exceed persistentAbovePercent');
  if (t.delayedChangeBasis !== 'enhancement' && t.delayedChangeBasis !== 'signal')
    throw new Error(`kinetics threshold delayedChangeBasis must be 'enhancement' or 'signal'`);
  return t;
}
