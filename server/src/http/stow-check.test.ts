import { multipartParts, StowRefused } from './stow-check';

const body = (parts: string[], boundary = 'b0') =>
  Buffer.from(
    parts.map((p) => `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n${p}\r\n`).join('') + `--${boundary}--`,
  );

describe('multipartParts', () => {
  it('splits a STOW-RS body into its objects, byte for byte', () => {
    const parts = multipartParts(
      'multipart/related; type="application/dicom"; boundary=b0',
      body(['first\r\n--b', 'second']),
    );
    expect(parts.map((p) => p.toString())).toEqual(['first\r\n--b', 'second']);
  });

  it('refuses anything but DICOM parts, and bodies that are not multipart', () => {
    const cases: Array<[string | undefined, Buffer, number]> = [
      ['application/json', Buffer.from('{}'), 415],
      ['multipart/related; type="application/dicom+json"; boundary=b0', body(['x']), 415],
      ['multipart/related; type=application/dicom', body(['x']), 415],
      ['multipart/related; type=application/dicom; boundary=b0', Buffer.from('no parts here'), 400],
      [
        'multipart/related; type=application/dicom; boundary=b0',
        Buffer.from('--b0\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0--'),
        415,
      ],
      ['multipart/related; type=application/dicom; boundary=b0', Buffer.from('--b0--'), 400],
    ];
    for (const [type, b, status] of cases) {
      let thrown: unknown;
      try {
        multipartParts(type, b);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(StowRefused);
      expect((thrown as StowRefused).status).toBe(status);
    }
  });
});
