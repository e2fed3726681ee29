import type { Me } from '@heron/server/contract';
import type { ApiClient } from '../api-client';
import { s } from './styles';

/** 'Doe^Ann' as people read it: 'Ann Doe'. */
function readableName(pn: string): string {
  const [family = '', given = ''] = pn.split('^');
  return [given, family].filter(Boolean).join(' ') || pn;
}

/** What a role that cannot analyse or sign sees instead of the buttons, so that their absence is explained. */
export function withoutSignOff(me: Me): string | null {
  if (me.may.analyse && me.may.signOff) return null;
  const roles = me.roles.length ? me.roles.join(' and ') : 'no';
  return `You are signed in with the ${roles} role: you can read the reports Heron stored in this study, but analysing a study and accepting or rejecting a report need the reader role.`;
}

/** Who is signed in, why some actions are missing, and (for a single sign-on session) the way out. */
export function AccountNote({ me, api }: { me: Me; api: ApiClient }) {
  const why = withoutSignOff(me);
  const logout = me.logout;
  return (
    <div data-testid="heron-account" style={s.muted}>
      Signed in as {readableName(me.displayName)} ({me.roles.join(', ')})
      {logout && (
        <>
          {' · '}
          <button
            type="button"
            style={s.linkButton}
            data-testid="heron-sign-out"
            onClick={() =>
              void api.logout(logout).then(
                (r) => window.location.assign(r.redirect),
                () => window.location.assign('/auth/signed-out'),
              )
            }
          >
            Sign out
          </button>
        </>
      )}
      {why && (
        <div style={s.warning} data-testid="heron-role-note">
          {why}
        </div>
      )}
    </div>
  );
}
