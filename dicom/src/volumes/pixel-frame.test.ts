import type { DicomJson } from '../core/dicom-json';
import type { ImageFrame } from './image-frames';
import { pixelFormat, voxelArray, writeFrame } from './pixel-frame';

const image = (extra: DicomJson = {}): DicomJson => ({
  '00280010': { vr: 'US', Value: [1] },
  '00280011': { vr: 'US', Value: [3] },
  '00280100': { vr: 'US', Value: [16] },
  '00280101': { vr: 'US', Value: [12] },
  '00280103': { vr: 'US', Value: [0] },
  '7FE00010': { vr: 'OW', BulkDataURI: 'http://pacs/bulk' },
  ...extra,
});
const frame = (slope: number, intercept: number): ImageFrame => ({
  instance: {},
  sopInstanceUID: 'x',
  frameNumber: 1,
  rescaleSlope: slope,
  rescaleIntercept: intercept,
});

describe('pixel frames', () => {
  it('keeps integer types under the identity rescale and masks bits above BitsStored', () => {
    const format = pixelFormat(image(), 'img');
    const out = voxelArray(format, [frame(1, 0)], 3);
    expect(out).toBeInstanceOf(Uint16Array);
    writeFrame(new Uint8Array(new Uint16Array([5, 0xf123, 4095]).buffer), format, frame(1, 0), out, 0, 'img');
    expect([...out]).toEqual([5, 0x123, 4095]);
  });

  it('applies rescale slope and intercept into Float32 and sign-extends signed stored values', () => {
    const format = pixelFormat(image({ '00280103': { vr: 'US', Value: [1] } }), 'img');
    const out = voxelArray(format, [frame(0.5, 10)], 3);
    expect(out).toBeInstanceOf(Float32Array);
    writeFrame(new Uint8Array(new Int16Array([4, 0x0fff, 0x0800]).buffer), format, frame(0.5, 10), out, 0, 'img');
    expect([...out]).toEqual([12, 9.5, -1014]);
  });

  it('refuses images without pixel data, colour images and frames that were not sent uncompressed', () => {
    const noPixels = image();
    delete noPixels['7FE00010'];
    // Without Pixel Data but with the Image Pixel module: how Orthanc describes a compressed image.
    expect(pixelFormat(noPixels, 'img').rows).toBeGreaterThan(0);
    delete noPixels['00280100'];
    expect(() => pixelFormat(noPixels, 'series 3, instance 1.2')).toThrow(
      'series 3, instance 1.2 has no PixelData (7FE0,0010)',
    );
    expect(() =>
      pixelFormat(image({ '00280004': { vr: 'CS', Value: ['RGB'] }, '00280002': { vr: 'US', Value: [3] } }), 'img'),
    ).toThrow(/colour image/);
    const format = pixelFormat(image(), 'img');
    expect(() => writeFrame(new Uint8Array(5), format, frame(1, 0), new Uint16Array(3), 0, 'img')).toThrow(
      /sent 5 bytes .* \(6 expected\); it was not delivered uncompressed/,
    );
  });
});
