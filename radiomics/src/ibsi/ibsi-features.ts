// IBSI mode: every IBSI 1 feature family with the IBSI definitions (reference manual, arXiv:1612.07003), rows named
// as in the manual's reference tables (family, feature, permanent code, aggregation, variant). Texture matrices use
// Chebyshev distance 1, symmetric GLCMs, NGLDM α = 0; the intensity and morphological masks are the same ROI.
import { assertSameGeometry } from '../geometry';
import type { Volume } from '../volume';
import { assertVolume } from '../volume';
import { directionalAggregations, sliceAggregations } from './aggregation';
import { GLCM_FEATURES, glcmKind } from './glcm';
import { GLDZM_FEATURES, gldzmKind } from './gldzm';
import { GLRLM_FEATURES, glrlmKind } from './glrlm';
import { GLSZM_FEATURES, glszmKind } from './glszm';
import { ibsiRoi, type Discretisation } from './ibsi-roi';
import { IVH_FEATURES, intensityVolumeHistogram } from './intensity-volume-histogram';
import { LOCAL_INTENSITY_FEATURES, localIntensity } from './local-intensity';
import { MORPHOLOGY_FEATURES, morphology } from './morphology';
import { NGLDM_FEATURES, ngldmKind } from './ngldm';
import { NGTDM_FEATURES, ngtdmKind } from './ngtdm';
import { INTENSITY_HISTOGRAM, INTENSITY_STATISTICS, intensityHistogram, intensityStatistics } from './statistics';

export interface IbsiRow {
  family: string;
  feature: string;
  ibsiCode: string;
  /** Texture aggregation method ('' for the other families). */
  aggregation: string;
  /** The intensity-volume histogram's threshold ('' elsewhere). */
  variant: string;
  value: number;
}

export interface IbsiOptions {
  label?: number;
  /** Default: fixed bin size 1 (the digital phantom's setting: its intensities are its grey levels). */
  discretisation?: Discretisation;
}

export function ibsiFeatures(image: Volume, mask: Volume, options: IbsiOptions = {}): IbsiRow[] {
  assertVolume(image, 'image');
  assertVolume(mask, 'mask');
  assertSameGeometry(image, mask, null);
  const roi = ibsiRoi(image, mask, options.label ?? 1, options.discretisation ?? { binWidth: 1 });
  const levels = Int32Array.from(roi.voxels, (n) => roi.levels[n]);
  const rows: IbsiRow[] = [];
  const plain = (family: string, names: readonly (readonly string[])[], values: number[]) =>
    names.forEach(([feature, ibsiCode, variant], k) =>
      rows.push({ family, feature, ibsiCode, aggregation: '', variant: variant ?? '', value: values[k] }),
    );
  const textured = (family: string, names: readonly [string, string][], byAggregation: Map<string, number[]>) => {
    for (const [aggregation, values] of byAggregation) {
      names.forEach(([feature, ibsiCode], k) =>
        rows.push({ family, feature, ibsiCode, aggregation, variant: '', value: values[k] }),
      );
    }
  };
  plain('morphology', MORPHOLOGY_FEATURES, morphology(roi));
  plain('local_intensity', LOCAL_INTENSITY_FEATURES, localIntensity(image, roi));
  plain('intensity_statistics', INTENSITY_STATISTICS, intensityStatistics(roi.values));
  plain('intensity_histogram', INTENSITY_HISTOGRAM, intensityHistogram(levels, roi.ng));
  plain('intensity_volume_histogram', IVH_FEATURES, intensityVolumeHistogram(levels, roi.ng));
  textured('glcm', GLCM_FEATURES, directionalAggregations(roi, glcmKind(roi)));
  textured('glrlm', GLRLM_FEATURES, directionalAggregations(roi, glrlmKind(roi)));
  textured('glszm', GLSZM_FEATURES, sliceAggregations(roi, glszmKind(roi)));
  textured('gldzm', GLDZM_FEATURES, sliceAggregations(roi, gldzmKind(roi)));
  textured('ngtdm', NGTDM_FEATURES, sliceAggregations(roi, ngtdmKind(roi)));
  textured('ngldm', NGLDM_FEATURES, sliceAggregations(roi, ngldmKind(roi)));
  return rows;
}
