#!/usr/bin/env node
// The `heron-radiomics` command. TypeScript sources run through tsx, so no build step stands between a clone and
// `npx heron-radiomics ...`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/heron-radiomics.ts');
process.exitCode = await main(process.argv.slice(2));
