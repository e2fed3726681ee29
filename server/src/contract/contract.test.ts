// The extension bundles the contract for the browser: it must build there without Node's modules, and a panel that
// needs only the stage list at run time must not carry zod with it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const bundle = (contents: string) =>
  build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    minify: true,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);

describe('@heron/server/contract', () => {
  it('bundles for the browser, schemas and all', async () => {
    const code = await bundle("export { analysisRequestSchema, analysisJobSchema } from './index';");
    expect(code).toContain('a DICOM UID');
  });

  it('leaves zod out of a bundle that uses only the stages', async () => {
    const code = await bundle("import { STAGES } from '@heron/server/contract'; console.log(STAGES);");
    expect(code.length).toBeLessThan(1000);
  });
});
