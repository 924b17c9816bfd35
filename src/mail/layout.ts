export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text as HTML paragraphs, keeping the writer's line breaks. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p style="margin:0 0 12px">${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function avatar(initials: string): string {
  return `<div style="width:48px;height:48px;border-radius:24px;background:#0a66c2;color:#fff;font:600 18px/48px Helvetica,Arial,sans-serif;text-align:center">${escapeHtml(initials)}</div>`;
}

export function button(label: string, href: string, primary = true): string {
  const colours = primary ? 'background:#0a66c2;color:#ffffff;border:1px solid #0a66c2' : 'background:#ffffff;color:#0a66c2;border:1px solid #0a66c2';
  return `<a href="${escapeHtml(href)}" style="display:inline-block;${colours};border-radius:20px;padding:10px 20px;margin:4px 8px 4px 0;font:600 15px Helvetica,Arial,sans-serif;text-decoration:none">${escapeHtml(label)}</a>`;
}

export interface LayoutParts {
  preheader: string;
  body: string;
  footer: string;
}

/** A responsive single-column mail: readable on a phone, centred at 560 px on a desktop client. */
export function layout({ preheader, body, footer }: LayoutParts): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light"><title>Rapport</title></head>
<body style="margin:0;padding:0;background:#f3f2ef">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f2ef"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 24px;border-bottom:1px solid #e8e8e8;font:700 20px Helvetica,Arial,sans-serif;color:#0a66c2">Rapport</td></tr>
<tr><td style="padding:24px;font:15px/1.5 Helvetica,Arial,sans-serif;color:#1f1f1f">${body}</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e8e8e8;font:12px/1.5 Helvetica,Arial,sans-serif;color:#666666">${footer}</td></tr>
</table></td></tr></table></body></html>`;
}
