#!/usr/bin/env node
// The `heron` command. TypeScript sources run through tsx, so no build step stands between a
// clone and `npx heron ...`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/heron.ts');
process.exitCode = await main(process.argv.slice(2));
