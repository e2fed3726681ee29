// An RTSTRUCT as another tool would store it, for tests: one ROI whose contour on every slice holding tumour is
// the pixel-edge rectangle around that slice's tumour voxels (closed planar, on the slice, in LPS millimetres).
import type { Volume } from '@heron/radiomics';
import { datasetToDict, newUid, patientAndStudy } from '@heron/dicom/core';
import type { SeriesVolume } from '@heron/dicom/volumes';

export function boxRtstruct(source: SeriesVolume, truth: Volume, roiName: string): ArrayBuffer {
  const g = source.volume;
  const [nx, ny, nz] = g.size;
  const point = (i: number, j: number, k: number): number[] =>
    [0, 1, 2].map(
      (r) =>
        g.origin[r] +
        g.direction[3 * r] * g.spacing[0] * i +
        g.direction[3 * r + 1] * g.spacing[1] * j +
        g.direction[3 * r + 2] * g.spacing[2] * k,
    );
  const contours: Record<string, unknown>[] = [];
  for (let k = 0; k < nz; k++) {
    let [i0, i1, j0, j1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (!truth.data[i + nx * (j + ny * k)]) continue;
        i0 = Math.min(i0, i);
        i1 = Math.max(i1, i);
        j0 = Math.min(j0, j);
        j1 = Math.max(j1, j);
      }
    if (i1 < 0) continue;
    const corners = [
      point(i0 - 0.5, j0 - 0.5, k),
      point(i1 + 0.5, j0 - 0.5, k),
      point(i1 + 0.5, j1 + 0.5, k),
      point(i0 - 0.5, j1 + 0.5, k),
    ];
    contours.push({
      ContourImageSequence: [
        {
          ReferencedSOPClassUID: source.slices[k].sopClassUID,
          ReferencedSOPInstanceUID: source.slices[k].sopInstanceUID,
        },
      ],
      ContourGeometricType: 'CLOSED_PLANAR',
      NumberOfContourPoints: 4,
      ContourData: corners.flat().map((v) => Number(v.toFixed(4))),
    });
  }
  const frameOfReferenceUID = source.frameOfReferenceUID ?? newUid();
  const dataset: Record<string, unknown> = {
    _meta: {},
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3',
    SOPInstanceUID: newUid(),
    ...patientAndStudy(source.reference),
    Modality: 'RTSTRUCT',
    SeriesInstanceUID: newUid(),
    SeriesNumber: 950,
    SeriesDescription: 'Outline from another tool',
    Manufacturer: 'Test fixture',
    FrameOfReferenceUID: frameOfReferenceUID,
    StructureSetLabel: 'Tumour',
    StructureSetDate: '20260101',
    StructureSetTime: '120000',
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: frameOfReferenceUID,
        RTReferencedStudySequence: [
          {
            ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
            ReferencedSOPInstanceUID: source.studyInstanceUID,
            RTReferencedSeriesSequence: [
              {
                SeriesInstanceUID: source.seriesInstanceUID,
                ContourImageSequence: source.slices.map((s) => ({
                  ReferencedSOPClassUID: s.sopClassUID,
                  ReferencedSOPInstanceUID: s.sopInstanceUID,
                })),
              },
            ],
          },
        ],
      },
    ],
    StructureSetROISequence: [
      {
        ROINumber: 1,
        ReferencedFrameOfReferenceUID: frameOfReferenceUID,
        ROIName: roiName,
        ROIGenerationAlgorithm: 'MANUAL',
      },
    ],
    ROIContourSequence: [{ ReferencedROINumber: 1, ROIDisplayColor: [255, 0, 0], ContourSequence: contours }],
    RTROIObservationsSequence: [
      { ObservationNumber: 1, ReferencedROINumber: 1, RTROIInterpretedType: 'GTV', ROIInterpreter: '' },
    ],
  };
  return datasetToDict(dataset).write() as ArrayBuffer;
}
