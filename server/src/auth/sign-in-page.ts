const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A small page for the sign-in's own answers (a failure, the signed-out notice): text and one link, no script. */
export function signInPage(title: string, message: string, link: { href: string; text: string }): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>Heron — ${escape(title)}</title></head>`,
    '<body>',
    `<h1>${escape(title)}</h1>`,
    `<p id="message">${escape(message)}</p>`,
    `<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>`,
    '<p><small>Heron — research use only, not for diagnosis.</small></p>',
    '</body></html>',
  ].join('\n');
}
