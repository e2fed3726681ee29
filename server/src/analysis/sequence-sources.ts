import type { Manifest, SequenceSource } from '@heron/models';
import type { StudyRoles } from '@heron/dicom/roles';

/** The images a model sequence is read from. */
export interface SourceImages {
  seriesInstanceUID: string;
  /** The images of the phase or b-value; undefined for the whole series. */
  sopInstanceUIDs?: string[];
  /**
   * Which frames of those images: the phase's temporal position or the b-value. Needed when one multi-frame
   * (Enhanced MR) instance holds several phases or b-values, where naming the instance names them all.
   */
  frames?: { temporalPosition?: number; bValue?: number };
}

function describe(source: SequenceSource): string {
  switch (source.role) {
    case 'dce':
      return source.phase === 0 ? 'the pre-contrast DCE phase' : `DCE post-contrast phase ${source.phase}`;
    case 't2':
      return 'a T2-weighted series';
    case 'dwi':
      return `diffusion-weighted images at b = ${source.bValue}`;
    case 'adc':
      return 'an ADC map';
  }
}

/**
 * Picks, for every sequence the model reads, the series (and images) the study's roles give it. A missing
 * sequence is an error that says what the model needs and how the reader can fix a wrong assignment.
 */
export function sequenceSources(
  manifest: Pick<Manifest, 'name' | 'sequences'>,
  roles: StudyRoles,
): Record<string, SourceImages> {
  const out: Record<string, SourceImages> = {};
  const missing: string[] = [];
  for (const [sequence, { source }] of Object.entries(manifest.sequences)) {
    let found: SourceImages | undefined;
    if (source.role === 'dce') {
      const phase = roles.dcePhases.find((p) => p.phaseIndex === source.phase);
      if (phase)
        found = {
          seriesInstanceUID: phase.seriesInstanceUID,
          sopInstanceUIDs: phase.sopInstanceUIDs,
          ...(phase.temporalPositionIdentifier !== undefined
            ? { frames: { temporalPosition: phase.temporalPositionIdentifier } }
            : {}),
        };
    } else if (source.role === 'dwi') {
      const b = roles.dwi.find((d) => d.bValue === source.bValue);
      if (b)
        found = {
          seriesInstanceUID: b.seriesInstanceUID,
          sopInstanceUIDs: b.sopInstanceUIDs,
          frames: { bValue: b.bValue },
        };
    } else {
      const uid = (source.role === 't2' ? roles.t2 : roles.adc)[0];
      if (uid) found = { seriesInstanceUID: uid };
    }
    if (found) out[sequence] = found;
    else missing.push(describe(source));
  }
  if (missing.length) {
    throw new Error(
      `The model ${manifest.name} needs ${missing.join(' and ')}, which this study does not have. ` +
        'If the series is there under another role, reassign it in the Heron panel.',
    );
  }
  return out;
}
