// What a site's deployment tooling (and the tests of it) use from the server package: the site configuration, the
// doctor's checks, the OHIF drop-in writer and the compose secrets generator.
export { ENV_OVERRIDES, type HeronConfig } from './config/heron-config';
export { ConfigError, loadConfig } from './config/load-config';
export { formatFindings, runDoctor } from './cli/doctor-command';
export type { Finding } from './doctor/doctor-checks';
export { writeDropIn } from './cli/plugins-command';
export { writeComposeSecrets } from './cli/compose-env-command';
