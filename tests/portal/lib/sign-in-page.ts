// GET / and /sign-in: a minimal DocSpace-like sign-in page (no external
// resources) so browser tests can obtain a real asc_auth_key cookie. Under the
// form it lists the demo accounts and their password (a real portal does not:
// this is the local test double, and the list is what a demo needs).
import { DEMO_PASSWORD, displayName, isPortalAdmin, ROLE_LABELS, USERS, type User } from './accounts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function signInPage(signedIn: User | undefined): string {
  const who = signedIn ? `${displayName(signedIn)} (${ROLE_LABELS[signedIn.role]})` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ONLYOFFICE DocSpace – Sign in</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f4f4; margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); width: 320px; }
  h1 { font-size: 20px; margin: 0 0 20px; }
  label { display: block; font-size: 13px; margin: 12px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #d0d5da; border-radius: 3px; }
  button { margin-top: 20px; width: 100%; padding: 10px; border: 0; border-radius: 3px; background: #4781d1; color: #fff; font-size: 14px; cursor: pointer; }
  #error { color: #c31c1c; font-size: 13px; min-height: 1em; margin-top: 12px; }
  #accounts { margin-top: 24px; border-top: 1px solid #eceef1; padding-top: 12px; font-size: 13px; color: #333; }
  #accounts h2 { font-size: 14px; margin: 0 0 8px; }
  #accounts table { border-collapse: collapse; width: 100%; }
  #accounts td { padding: 3px 0; vertical-align: top; }
  #accounts .use { all: unset; cursor: pointer; color: #2e5fa8; text-decoration: underline; }
  #accounts .role { color: #555; padding-left: 8px; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <h1>DocSpace</h1>
  <form id="signin" ${signedIn ? 'hidden' : ''}>
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <div id="error" role="alert"></div>
    <section id="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Demo accounts</h2>
      <p>Password for all: <code>${esc(DEMO_PASSWORD)}</code></p>
      <table>
${USERS.map((u) => `        <tr><td><button type="button" class="use" data-email="${esc(u.email)}">${esc(u.email)}</button></td><td class="role">${esc(ROLE_LABELS[u.role])}${isPortalAdmin(u) ? ', manages backups' : ''}</td></tr>`).join('\n')}
      </table>
    </section>
  </form>
  <section id="signedin" ${signedIn ? '' : 'hidden'}>
    <p id="who" role="status">${signedIn ? `Signed in as ${esc(who)}` : ''}</p>
    <button type="button" id="signout">Sign out</button>
  </section>
</main>
<script>
(() => {
  const roles = ${JSON.stringify(ROLE_LABELS)};
  const form = document.getElementById('signin');
  const section = document.getElementById('signedin');
  const who = document.getElementById('who');
  const error = document.getElementById('error');
  const roleOf = (u) => u.isOwner ? roles.owner : u.isAdmin ? roles.admin : u.isRoomAdmin ? roles.roomadmin : u.isVisitor ? roles.guest : roles.user;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const res = await fetch('/api/2.0/authentication', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: form.email.value, password: form.password.value }),
    });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      error.textContent = (body && body.error && body.error.message) || 'Sign-in failed (' + res.status + ')';
      return;
    }
    const answer = await res.json().catch(() => null);
    if (answer && answer.response && (answer.response.tfa || answer.response.sms) && !answer.response.token) {
      // Two-factor sign-in: the portal waits for a code (not emulated), so there is no session yet.
      error.textContent = 'Enter the code from your authenticator app to finish signing in.';
      return;
    }
    const me = await (await fetch('/api/2.0/people/@self')).json();
    who.textContent = 'Signed in as ' + me.response.displayName + ' (' + roleOf(me.response) + ')';
    form.hidden = true;
    section.hidden = false;
  });
  // Choosing a demo account fills the form with it and its password.
  for (const use of document.querySelectorAll('#accounts .use')) {
    use.addEventListener('click', () => {
      form.email.value = use.dataset.email;
      form.password.value = ${JSON.stringify(DEMO_PASSWORD)};
      form.querySelector('button[type="submit"]').focus();
    });
  }
  document.getElementById('signout').addEventListener('click', async () => {
    await fetch('/api/2.0/authentication/logout', { method: 'POST' });
    section.hidden = true;
    form.hidden = false;
    form.reset();
  });
})();
</script>
</body>
</html>
`;
}
