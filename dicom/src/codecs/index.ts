// codecs: pixel data in any transfer syntax Heron reads, decoded to native little-endian frames. Internal to the
// package (used by the folder client and the volume loader); its public names are re-exported by `./volumes`.
export * from './decode-frame';
export * from './part10-frames';
export * from './transfer-syntax';
